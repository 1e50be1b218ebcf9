package org.vigil.detect;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Point2fVector;
import org.bytedeco.opencv.opencv_core.Point2fVectorVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_face.Facemark;
import org.bytedeco.opencv.opencv_face.FacemarkLBF;

/**
 * Facial landmarks from an OpenCV LBF facemark model (opencv_contrib "face" module), fitted inside
 * the boxes a detector found. Two layouts are understood:
 * <ul>
 *   <li>68 points (iBUG 300-W, the common {@code lbfmodel.yaml} users download);</li>
 *   <li>5 points in dlib's 5-point layout: the two corners of each eye, then the bottom of the nose
 *       (e.g. meefik/opencv_facemark, in shared/models/facemark-lbf-5pt).</li>
 * </ul>
 * {@link #refine} turns either into Vigil's face landmark layout (YuNet's: eye centres, nose tip,
 * mouth corners), keeping the detector's points for what the model does not give.
 * Not thread-safe: one instance per thread.
 */
public final class FacemarkLandmarker implements AutoCloseable {
    private static final Pattern N_LANDMARKS = Pattern.compile("(?m)^n_landmarks:\\s*(\\d+)");

    private final Facemark facemark;
    private final int points;
    private final Path model;

    public FacemarkLandmarker(Path lbfModel) {
        if (!Files.isRegularFile(lbfModel)) {
            throw new IllegalArgumentException("facemark model file not found: " + lbfModel
                    + " (an OpenCV LBF model such as lbfmodel.yaml)");
        }
        this.model = lbfModel;
        this.points = landmarkCount(lbfModel);
        if (points != 68 && points != 5) {
            throw new IllegalArgumentException("facemark model " + lbfModel + " has " + points
                    + " landmarks; Vigil understands the 68-point (iBUG) and 5-point (dlib) layouts");
        }
        if (points != 68) {
            // OpenCV 4.13 (opencv_contrib face/src/facemarkLBF.cpp, _copyVector2Output) copies every fitted
            // shape into a 68-point array; shapes of any other size are dropped and 68 zeros come back.
            // Checked here rather than returning zeros as landmarks.
            throw new IllegalArgumentException("facemark model " + lbfModel + " has " + points + " landmarks, but OpenCV "
                    + "4.13's FacemarkLBF.fit only returns 68-point shapes (others come back as zeros); use a 68-point LBF model");
        }
        // n_landmarks must match the model: OpenCV's default (68) would make a 5-point model return 68 zeros.
        try (FacemarkLBF.Params params = new FacemarkLBF.Params()) {
            params.n_landmarks(points).verbose(false);
            this.facemark = FacemarkLBF.create(params);
        }
        try {
            facemark.loadModel(lbfModel.toString());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot load facemark model " + lbfModel + ": " + e.getMessage(), e);
        }
    }

    /** n_landmarks from the model's YAML header (read before OpenCV parses the ~MB file, for a clear error). */
    public static int landmarkCount(Path yaml) {
        try (var lines = Files.lines(yaml)) {
            String head = String.join("\n", lines.limit(20).toList());
            Matcher m = N_LANDMARKS.matcher(head);
            if (!m.find()) {
                throw new IllegalArgumentException("facemark model " + yaml + " is not an OpenCV LBF model "
                        + "(no 'n_landmarks:' in its header)");
            }
            return Integer.parseInt(m.group(1));
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read facemark model " + yaml + ": " + e.getMessage(), e);
        }
    }

    /** 68 or 5. */
    public int points() {
        return points;
    }

    public Path model() {
        return model;
    }

    /**
     * The model's own points for each face (x0,y0,x1,y1,... in frame pixels), in the order of
     * {@code faces}; an empty array for a face the model could not fit.
     */
    public List<float[]> fit(Mat frame, List<FaceBox> faces) {
        List<float[]> out = new ArrayList<>(faces.size());
        if (faces.isEmpty()) return out;
        Mat grey = frame;
        Mat converted = null;
        if (frame.channels() == 3) {
            converted = new Mat();
            cvtColor(frame, converted, COLOR_BGR2GRAY);
            grey = converted;
        }
        try (RectVector rects = new RectVector(); Point2fVectorVector shapes = new Point2fVectorVector()) {
            for (FaceBox f : faces) rects.push_back(new Rect(f.x(), f.y(), f.width(), f.height()));
            boolean ok = facemark.fit(grey, rects, shapes);
            for (int i = 0; i < faces.size(); i++) {
                if (!ok || i >= shapes.size()) {
                    out.add(new float[0]);
                    continue;
                }
                Point2fVector shape = shapes.get(i);
                if (shape.size() != points) {
                    throw new IllegalStateException("facemark " + model + " returned " + shape.size() + " points, expected " + points);
                }
                float[] pts = new float[(int) shape.size() * 2];
                for (int k = 0; k < shape.size(); k++) {
                    Point2f p = shape.get(k);
                    pts[2 * k] = p.x();
                    pts[2 * k + 1] = p.y();
                }
                out.add(pts);
            }
        } finally {
            if (converted != null) converted.close();
        }
        return out;
    }

    /**
     * The faces with landmarks from this model in Vigil's layout (eye centres, nose tip, mouth
     * corners): all five from a 68-point model; from a 5-point model the eye centres (mean of each
     * eye's corners) and the nose, with the detector's mouth corners kept when it had them.
     */
    public List<FaceBox> refine(Mat frame, List<FaceBox> faces) {
        List<float[]> fitted = fit(frame, faces);
        List<FaceBox> out = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            FaceBox f = faces.get(i);
            float[] pts = fitted.get(i);
            float[] lm = toFaceLandmarks(pts, f.landmarks());
            out.add(lm == null ? f : new FaceBox(f.x(), f.y(), f.width(), f.height(), f.score(), lm, f.trackId()));
        }
        return out;
    }

    /** Model points -> eye centres (image-left first), nose, mouth corners; null if pts is unusable. */
    static float[] toFaceLandmarks(float[] pts, float[] detector) {
        if (pts.length == 136) {
            double[] a = EyeLine.mean(pts, 36, 41), b = EyeLine.mean(pts, 42, 47);
            return new float[] {(float) a[0], (float) a[1], (float) b[0], (float) b[1],
                    pts[60], pts[61], pts[96], pts[97], pts[108], pts[109]};
        }
        if (pts.length == 10) {
            // dlib 5-point: 0,1 corners of one eye, 2,3 corners of the other, 4 bottom of the nose.
            double[] a = EyeLine.mean(pts, 0, 1), b = EyeLine.mean(pts, 2, 3);
            if (a[0] > b[0]) {
                double[] t = a;
                a = b;
                b = t;
            }
            if (detector != null && detector.length >= 10) {
                return new float[] {(float) a[0], (float) a[1], (float) b[0], (float) b[1], pts[8], pts[9],
                        detector[6], detector[7], detector[8], detector[9]};
            }
            return new float[] {(float) a[0], (float) a[1], (float) b[0], (float) b[1], pts[8], pts[9]};
        }
        return null;
    }

    @Override
    public void close() {
        facemark.close();
    }
}
