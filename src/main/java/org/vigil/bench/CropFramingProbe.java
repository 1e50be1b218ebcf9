package org.vigil.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vigil.detect.EyeLine;
import org.vigil.detect.FaceDetector;
import org.vigil.eval.FaceFrame;
import org.vigil.detect.FaceBox;
import org.vigil.data.ImageSet;

/**
 * Where the detector's box sits inside the crops the models were trained on: each FER face is put
 * into a frame ({@link FaceFrame}), the detector runs, and the face's known square is expressed in
 * units of the box that was found. The medians over many faces are the crop to cut around a
 * detection so that the model sees a face framed like its training data.
 */
public final class CropFramingProbe {
    /**
     * One face. Offsets: training crop centre minus box centre, in box widths / heights; scales:
     * training crop side over box width / height; eyes (when the detector gives them) in units of
     * the training crop's side, measured from its top-left corner.
     */
    public record Sample(double offsetX, double offsetY, double widthScale, double heightScale, double boxAspect,
                         double eyeMidX, double eyeMidY, double eyeDistance) {}

    /** Median and quartiles of one quantity. */
    public record Spread(double median, double p25, double p75) {
        static Spread of(List<Sample> samples, ToDoubleFunction<Sample> f) {
            double[] v = samples.stream().mapToDouble(f).filter(Double::isFinite).sorted().toArray();
            if (v.length == 0) return new Spread(Double.NaN, Double.NaN, Double.NaN);
            return new Spread(quantile(v, 0.5), quantile(v, 0.25), quantile(v, 0.75));
        }

        /** Interquartile range relative to the median: how steady the quantity is from face to face. */
        public double relativeIqr() {
            return (p75 - p25) / median;
        }
    }

    /** @param faces images tried; found: those where the detector found a face */
    public record Result(int faces, int found, List<Sample> samples) {
        public Spread spread(ToDoubleFunction<Sample> f) {
            return Spread.of(samples, f);
        }
    }

    private CropFramingProbe() {}

    /** Runs the detector on every image of {@code set} placed into a frame; the largest face counts. */
    public static Result measure(ImageSet set, FaceDetector detector, int side, double pad, FaceFrame.Border border) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            try (Mat face = new Mat(set.height(), set.width(), opencv_core.CV_8UC1)) {
                face.data().put(set.image(i));
                FaceFrame.Framed f = FaceFrame.place(face, side, pad, border);
                try (Mat frame = f.frame()) {
                    FaceBox box = largest(detector.detect(frame));
                    if (box != null) out.add(sample(box, f.faceX(), f.faceY(), f.faceSide()));
                }
            }
        }
        return new Result(set.size(), out.size(), List.copyOf(out));
    }

    static Sample sample(FaceBox b, int faceX, int faceY, int s) {
        double cx = faceX + s / 2.0, cy = faceY + s / 2.0;
        EyeLine eyes = EyeLine.of(b.landmarks());
        double ex = Double.NaN, ey = Double.NaN, ed = Double.NaN;
        if (eyes != null) {
            ex = (eyes.midX() - faceX) / s;
            ey = (eyes.midY() - faceY) / s;
            ed = eyes.distance() / s;
        }
        return new Sample((cx - b.centreX()) / b.width(), (cy - b.centreY()) / b.height(), s / (double) b.width(),
                s / (double) b.height(), b.width() / (double) b.height(), ex, ey, ed);
    }

    static FaceBox largest(List<FaceBox> faces) {
        FaceBox best = null;
        for (FaceBox f : faces) if (best == null || f.area() > best.area()) best = f;
        return best;
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
