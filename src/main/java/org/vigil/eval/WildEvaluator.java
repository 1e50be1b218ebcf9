package org.vigil.eval;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.vigil.classify.EmotionModel;
import org.vigil.detect.CropFraming;
import org.vigil.detect.FaceCrop;
import org.vigil.detect.FaceDetector;
import org.vigil.detect.FacemarkLandmarker;
import org.vigil.detect.FaceBox;
import org.vigil.data.ImageSetLoader;

/**
 * Accuracy the way the ward camera sees faces: whole images go through detection, (optional)
 * landmark refinement and alignment, cropping and classification, exactly as in the pipeline. Images
 * in which no face is found count as misses, so the figure users see includes the detector's part.
 *
 * <p>Images come through {@link ImageSetLoader#files}: class folders, or a FER+ folder with its
 * majority labels. Pre-cropped faces (FER-2013, FER+) can be enlarged and put into a frame
 * ({@link FaceFrame}: YuNet needs some context around a face) and rotated by a random angle, to test
 * what detection, cropping and alignment do.
 */
public final class WildEvaluator {
    private static final int BATCH = 64;

    /**
     * @param upscale  enlarge images whose shorter side is below this (0: never)
     * @param pad      border added on each side, as a fraction of the (enlarged) side
     * @param border   what fills that border
     * @param rotateDegrees rotate each image by a random angle in [-rotateDegrees, +rotateDegrees]
     * @param perClassLimit at most this many images per class (0: all), chosen at random with seed
     */
    public record Options(int upscale, double pad, FaceFrame.Border border, double rotateDegrees, int perClassLimit, long seed) {
        public static final Options PHOTOS = new Options(0, 0, FaceFrame.Border.REFLECT, 0, 0, 42);
    }

    /** One way of cutting the crop out of a detection; several are compared on the same detections. */
    public record Crop(CropFraming framing, FaceCrop.Alignment alignment) {
        public static Crop of(FaceCrop.Alignment alignment) {
            return new Crop(FaceCrop.DEFAULT_FRAMING, alignment);
        }
    }

    /**
     * Confusion matrix over the images where a face was found, plus the counts around it.
     *
     * @param precropped with pre-cropped faces (upscale or pad set): the model on every original image as it
     *                   is, no detection: the ceiling the camera crop should approach; null otherwise
     */
    public record Result(Crop crop, ConfusionMatrix found, int images, int facesFound, long[] missedPerClass,
                         ConfusionMatrix precropped) {
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
    private final List<Crop> settings;
    private final Options options;

    /** @param settings crops to compare on the same detections (detection runs once per image) */
    public WildEvaluator(EmotionModel model, FaceDetector detector, FacemarkLandmarker facemark,
                         List<Crop> settings, Options options) {
        this.model = model;
        this.detector = detector;
        this.facemark = facemark;
        this.settings = List.copyOf(settings);
        this.options = options;
    }

    /**
     * @param root folder of class folders named by the labels, or a FER+ folder (label.csv, majority labels);
     *             one result per crop setting, in order
     */
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
        for (Crop c : settings) {
            crops.add(FaceCrop.forModel(model.metadata(), c.framing(), c.alignment()));
            cms.add(new ConfusionMatrix(labels));
            pending.add(new ArrayList<>());
        }
        boolean precropped = options.upscale() > 0 || options.pad() > 0;
        FaceCrop whole = new FaceCrop(model.metadata().inputWidth(), model.metadata().inputHeight(), 0);
        ConfusionMatrix ceiling = precropped ? new ConfusionMatrix(labels) : null;
        List<byte[]> pendingWhole = new ArrayList<>();
        List<Integer> pendingWholeLabels = new ArrayList<>();
        long[] missed = new long[labels.size()];
        int images = 0, found = 0;
        Random rnd = new Random(options.seed());
        List<Integer> pendingLabels = new ArrayList<>();
        Map<Integer, List<Path>> byClass = byClass(ImageSetLoader.files(root, labels));
        for (int c = 0; c < labels.size(); c++) {
            for (Path file : sample(byClass.getOrDefault(c, List.of()), rnd)) {
                Mat img = imread(file.toString());
                if (img == null || img.empty()) throw new IllegalArgumentException("cannot read image " + file);
                images++;
                if (precropped) {
                    pendingWhole.add(whole.crop(img, new FaceBox(0, 0, img.cols(), img.rows(), 1f, null, -1)));
                    pendingWholeLabels.add(c);
                    if (pendingWhole.size() == BATCH) {
                        classify(pendingWhole, pendingWholeLabels, modelIndex, ceiling);
                        pendingWholeLabels.clear();
                    }
                }
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
        if (precropped) classify(pendingWhole, pendingWholeLabels, modelIndex, ceiling);
        List<Result> out = new ArrayList<>();
        for (int a = 0; a < cms.size(); a++) out.add(new Result(settings.get(a), cms.get(a), images, found, missed.clone(), ceiling));
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

    private static Map<Integer, List<Path>> byClass(List<ImageSetLoader.LabelledFile> files) {
        Map<Integer, List<Path>> out = new LinkedHashMap<>();
        for (ImageSetLoader.LabelledFile f : files) out.computeIfAbsent(f.label(), k -> new ArrayList<>()).add(f.file());
        return out;
    }

    /** The class's files in name order, or a random perClassLimit of them. */
    private List<Path> sample(List<Path> classFiles, Random rnd) {
        List<Path> out = new ArrayList<>(classFiles);
        if (options.perClassLimit() > 0 && out.size() > options.perClassLimit()) {
            Collections.shuffle(out, rnd);
            out = new ArrayList<>(out.subList(0, options.perClassLimit()));
        }
        return out;
    }

    /** Enlarge, frame and rotate as the options say; BGR out. The random angle is drawn for every image. */
    Mat prepare(Mat img, Random rnd) {
        double angle = options.rotateDegrees() > 0 ? (rnd.nextDouble() * 2 - 1) * options.rotateDegrees() : 0;
        Mat cur = FaceFrame.place(img, options.upscale(), options.pad(), options.border()).frame();
        if (angle != 0) {
            Mat rotated = new Mat();
            try (Point2f c = new Point2f(cur.cols() / 2f, cur.rows() / 2f); Size s = new Size(cur.cols(), cur.rows());
                 Scalar border = new Scalar(0)) {
                Mat m = getRotationMatrix2D(c, angle, 1.0);
                warpAffine(cur, rotated, m, s, 1, BORDER_REFLECT, border);
                m.close();
            }
            cur.close();
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
