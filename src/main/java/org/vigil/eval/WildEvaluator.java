package org.vigil.eval;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.vigil.classify.EmotionModel;
import org.vigil.detect.FaceCrop;
import org.vigil.detect.FaceDetector;
import org.vigil.detect.FacemarkLandmarker;
import org.vigil.detect.FaceBox;

/**
 * Accuracy the way the ward camera sees faces: whole images go through detection, (optional)
 * landmark refinement and alignment, cropping and classification, exactly as in the pipeline. Images
 * in which no face is found count as misses, so the figure users see includes the detector's part.
 *
 * <p>For data sets of pre-cropped faces (FER-2013) the images can be enlarged, given a reflected
 * border (YuNet needs some context around a face) and rotated by a random angle, to test what
 * detection and alignment do with tilted heads.
 */
public final class WildEvaluator {
    private static final int BATCH = 64;
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp");

    /**
     * @param upscale  enlarge images whose shorter side is below this (0: never)
     * @param pad      border added on each side, as a fraction of the (enlarged) side
     * @param rotateDegrees rotate each image by a random angle in [-rotateDegrees, +rotateDegrees]
     * @param perClassLimit at most this many images per class (0: all), chosen at random with seed
     */
    public record Options(int upscale, double pad, double rotateDegrees, int perClassLimit, long seed) {
        public static final Options PHOTOS = new Options(0, 0, 0, 0, 42);
    }

    /** Confusion matrix over the images where a face was found, plus the counts around it. */
    public record Result(ConfusionMatrix found, int images, int facesFound, long[] missedPerClass) {
        /** Share of images where a face was found and classified correctly (misses count as wrong). */
        public double endToEndAccuracy() {
            long correct = 0;
            for (int c = 0; c < found.labels().size(); c++) correct += found.count(c, c);
            return images == 0 ? Double.NaN : correct / (double) images;
        }

        public double detectionRate() {
            return images == 0 ? Double.NaN : facesFound / (double) images;
        }
    }

    private final EmotionModel model;
    private final FaceDetector detector;
    private final FacemarkLandmarker facemark;
    private final List<FaceCrop.Alignment> alignments;
    private final Options options;

    /** @param alignments crops to compare on the same detections (detection runs once per image) */
    public WildEvaluator(EmotionModel model, FaceDetector detector, FacemarkLandmarker facemark,
                         List<FaceCrop.Alignment> alignments, Options options) {
        this.model = model;
        this.detector = detector;
        this.facemark = facemark;
        this.alignments = List.copyOf(alignments);
        this.options = options;
    }

    /** @param root folder of class folders named by the labels; one result per alignment, in order */
    public List<Result> evaluate(Path root, List<String> labels) {
        int[] modelIndex = new int[labels.size()];
        for (int c = 0; c < labels.size(); c++) {
            modelIndex[c] = Evaluator.indexOf(model.labels(), labels.get(c));
            if (modelIndex[c] < 0) {
                throw new IllegalArgumentException("model " + model.metadata().name() + " has no class for '" + labels.get(c) + "'");
            }
        }
        List<FaceCrop> crops = new ArrayList<>();
        List<ConfusionMatrix> cms = new ArrayList<>();
        List<List<byte[]>> pending = new ArrayList<>();
        for (FaceCrop.Alignment a : alignments) {
            crops.add(FaceCrop.forModel(model.metadata(), a));
            cms.add(new ConfusionMatrix(labels));
            pending.add(new ArrayList<>());
        }
        long[] missed = new long[labels.size()];
        int images = 0, found = 0;
        Random rnd = new Random(options.seed());
        List<Integer> pendingLabels = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            for (Path file : files(root.resolve(labels.get(c)), rnd)) {
                Mat img = imread(file.toString());
                if (img == null || img.empty()) throw new IllegalArgumentException("cannot read image " + file);
                images++;
                Mat prepared = prepare(img, rnd);
                FaceBox face = largest(detector.detect(prepared));
                if (face == null) {
                    missed[c]++;
                } else {
                    found++;
                    if (facemark != null) face = facemark.refine(prepared, List.of(face)).get(0);
                    for (int a = 0; a < crops.size(); a++) pending.get(a).add(crops.get(a).crop(prepared, face));
                    pendingLabels.add(c);
                    if (pendingLabels.size() == BATCH) classifyAll(pending, pendingLabels, modelIndex, cms);
                }
                if (prepared != img) prepared.close();
                img.close();
            }
        }
        classifyAll(pending, pendingLabels, modelIndex, cms);
        List<Result> out = new ArrayList<>();
        for (ConfusionMatrix cm : cms) out.add(new Result(cm, images, found, missed.clone()));
        return out;
    }

    private void classifyAll(List<List<byte[]>> crops, List<Integer> actual, int[] modelIndex, List<ConfusionMatrix> cms) {
        for (int a = 0; a < crops.size(); a++) classify(crops.get(a), actual, modelIndex, cms.get(a));
        actual.clear();
    }

    private void classify(List<byte[]> crops, List<Integer> actual, int[] modelIndex, ConfusionMatrix cm) {
        if (crops.isEmpty()) return;
        float[][] p = model.predict(crops);
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int k = 1; k < modelIndex.length; k++) if (p[i][modelIndex[k]] > p[i][modelIndex[best]]) best = k;
            cm.add(actual.get(i), best);
        }
        crops.clear();
    }

    private List<Path> files(Path dir, Random rnd) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("class folder missing: " + dir);
        List<Path> out;
        try (Stream<Path> s = Files.list(dir)) {
            out = new ArrayList<>(s.filter(p -> EXTENSIONS.stream().anyMatch(e -> p.toString().toLowerCase(Locale.ROOT).endsWith(e)))
                    .sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (options.perClassLimit() > 0 && out.size() > options.perClassLimit()) {
            Collections.shuffle(out, rnd);
            out = new ArrayList<>(out.subList(0, options.perClassLimit()));
        }
        return out;
    }

    /** Enlarge, pad and rotate as the options say; BGR out. The random angle is drawn for every image. */
    Mat prepare(Mat img, Random rnd) {
        double angle = options.rotateDegrees() > 0 ? (rnd.nextDouble() * 2 - 1) * options.rotateDegrees() : 0;
        Mat cur = img;
        if (cur.channels() == 1) {
            Mat bgr = new Mat();
            cvtColor(cur, bgr, COLOR_GRAY2BGR);
            cur = bgr;
        }
        int side = Math.min(cur.cols(), cur.rows());
        if (options.upscale() > 0 && side < options.upscale()) {
            double f = options.upscale() / (double) side;
            Mat big = new Mat();
            try (Size s = new Size((int) Math.round(cur.cols() * f), (int) Math.round(cur.rows() * f))) {
                resize(cur, big, s, 0, 0, INTER_CUBIC);
            }
            if (cur != img) cur.close();
            cur = big;
        }
        if (options.pad() > 0) {
            int p = (int) Math.round(Math.max(cur.cols(), cur.rows()) * options.pad());
            Mat padded = new Mat();
            copyMakeBorder(cur, padded, p, p, p, p, BORDER_REFLECT);
            if (cur != img) cur.close();
            cur = padded;
        }
        if (angle != 0) {
            Mat rotated = new Mat();
            try (Point2f c = new Point2f(cur.cols() / 2f, cur.rows() / 2f); Size s = new Size(cur.cols(), cur.rows());
                 Scalar border = new Scalar(0)) {
                Mat m = getRotationMatrix2D(c, angle, 1.0);
                warpAffine(cur, rotated, m, s, 1, BORDER_REFLECT, border);
                m.close();
            }
            if (cur != img) cur.close();
            cur = rotated;
        }
        return cur;
    }

    static FaceBox largest(List<FaceBox> faces) {
        FaceBox best = null;
        for (FaceBox f : faces) if (best == null || f.area() > best.area()) best = f;
        return best;
    }
}
