package org.vigil.detect;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;

/**
 * YuNet (OpenCV model zoo, face_detection_yunet_2023mar layout, OpenCV >= 4.8) through
 * {@link FaceDetectorYN}: boxes with a confidence and 5 landmarks (right eye, left eye, nose tip,
 * right and left mouth corner). Finds turned and small faces that the Haar cascade misses.
 */
public final class YuNetFaceDetector implements FaceDetector {
    public static final float DEFAULT_SCORE_THRESHOLD = 0.6f;
    /** Smaller than Haar's default: YuNet finds faces down to ~10 px, so 1080p crowds survive at 960. */
    public static final int DEFAULT_MAX_SIDE = 640;

    private final FaceDetectorYN detector;
    private final Downscale downscale;
    private final Path model;
    private final Mat faces = new Mat();
    private int inW = -1;
    private int inH = -1;

    public YuNetFaceDetector(Path onnxModel) {
        this(onnxModel, DEFAULT_MAX_SIDE, DEFAULT_SCORE_THRESHOLD);
    }

    /**
     * @param maxSide        longest side of the image the network sees (0: full frame)
     * @param scoreThreshold faces scoring below are dropped (0..1)
     */
    public YuNetFaceDetector(Path onnxModel, int maxSide, float scoreThreshold) {
        this(onnxModel, new Downscale(maxSide), scoreThreshold);
    }

    /** YuNet finds faces from about 16 px (its finest anchors are 8-16 px at stride 8). */
    public static final int MIN_FACE = 16;

    /** Sized so that faces of {@code minFacePx} frame pixels are still found. */
    public static YuNetFaceDetector forMinFace(Path onnxModel, int minFacePx) {
        return new YuNetFaceDetector(onnxModel, Downscale.byFactor(minFacePx / (double) MIN_FACE), DEFAULT_SCORE_THRESHOLD);
    }

    private YuNetFaceDetector(Path onnxModel, Downscale downscale, float scoreThreshold) {
        if (!Files.isRegularFile(onnxModel)) {
            throw new IllegalArgumentException("YuNet model file not found: " + onnxModel
                    + " (get face_detection_yunet_2023mar.onnx from the OpenCV model zoo, or use --detector haar)");
        }
        this.model = onnxModel;
        try (Size initial = new Size(320, 320)) {
            // NMS 0.3, keep at most 5000 candidates before NMS: OpenCV's own defaults.
            this.detector = FaceDetectorYN.create(onnxModel.toString(), "", initial, scoreThreshold, 0.3f, 5000, 0, 0);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot load YuNet model " + onnxModel + ": " + e.getMessage(), e);
        }
        if (detector == null || detector.isNull()) {
            throw new IllegalArgumentException("Cannot load YuNet model " + onnxModel);
        }
        this.downscale = downscale;
    }

    @Override
    public List<FaceBox> detect(Mat frame) {
        if (frame.channels() != 3) {
            throw new IllegalArgumentException("YuNet needs a 3-channel BGR frame, got " + frame.channels() + " channels");
        }
        double f = downscale.factor(frame);
        Mat img = downscale.apply(frame, f);
        if (img.cols() != inW || img.rows() != inH) {
            inW = img.cols();
            inH = img.rows();
            try (Size s = new Size(inW, inH)) {
                detector.setInputSize(s);
            }
        }
        detector.detect(img, faces);
        List<FaceBox> out = new ArrayList<>();
        if (faces.empty() || faces.rows() == 0) return out;
        // One row per face: x, y, w, h, 10 landmark coordinates, score (CV_32F).
        int cols = faces.cols();
        FloatBuffer buf = faces.createBuffer();
        for (int r = 0; r < faces.rows(); r++) {
            int o = r * cols;
            float[] lm = new float[10];
            for (int k = 0; k < 10; k++) lm[k] = (float) (buf.get(o + 4 + k) * f);
            int x = (int) Math.round(buf.get(o) * f);
            int y = (int) Math.round(buf.get(o + 1) * f);
            int w = (int) Math.round(buf.get(o + 2) * f);
            int h = (int) Math.round(buf.get(o + 3) * f);
            // Clip to the frame: YuNet can return boxes poking out of the image at the edges.
            int x0 = Math.max(0, x), y0 = Math.max(0, y);
            int x1 = Math.min(frame.cols(), x + w), y1 = Math.min(frame.rows(), y + h);
            if (x1 - x0 < 2 || y1 - y0 < 2) continue;
            out.add(new FaceBox(x0, y0, x1 - x0, y1 - y0, buf.get(o + 14), lm, -1));
        }
        return out;
    }

    @Override
    public String name() {
        return "yunet";
    }

    @Override
    public boolean givesLandmarks() {
        return true;
    }

    public Path model() {
        return model;
    }

    @Override
    public void close() {
        detector.close();
        faces.release();
        downscale.release();
    }
}
