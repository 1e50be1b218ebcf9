package org.vigil.bench;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vigil.detect.FaceDetector;
import org.vigil.detect.FacemarkLandmarker;
import org.vigil.detect.FaceBox;

/**
 * Landmark error against dlib's 68-point annotations of real photos, normalised by the inter-ocular
 * distance (distance between the eye centres), the usual NME. The detector's faces are matched to
 * the annotated ones; Vigil's five points are compared with: eye centres = means of points 36-41
 * and 42-47, nose tip = 30, mouth corners = 48 and 54.
 */
public final class LandmarkBenchmark {
    public static final String[] POINTS = {"eye (image left)", "eye (image right)", "nose tip", "mouth corner (left)", "mouth corner (right)"};

    /** Per-point NME lists over matched faces; NaN where a source gives no such point. */
    public record Errors(String source, int annotated, int matched, List<double[]> perFace) {
        public double meanOf(int point) {
            return stat(point, false);
        }

        public double medianOf(int point) {
            return stat(point, true);
        }

        /** Mean over the points this source gives, per face, then over faces. */
        public double meanAll() {
            double s = 0;
            int n = 0;
            for (double[] f : perFace) {
                for (double v : f) {
                    if (!Double.isNaN(v)) {
                        s += v;
                        n++;
                    }
                }
            }
            return n == 0 ? Double.NaN : s / n;
        }

        /** Share of faces whose mean NME over the given points is below the threshold. */
        public double shareBelow(double threshold) {
            if (perFace.isEmpty()) return Double.NaN;
            int ok = 0;
            for (double[] f : perFace) {
                double s = 0;
                int n = 0;
                for (double v : f) {
                    if (!Double.isNaN(v)) {
                        s += v;
                        n++;
                    }
                }
                if (n > 0 && s / n < threshold) ok++;
            }
            return ok / (double) perFace.size();
        }

        private double stat(int point, boolean median) {
            double[] v = perFace.stream().mapToDouble(f -> f[point]).filter(d -> !Double.isNaN(d)).toArray();
            if (v.length == 0) return Double.NaN;
            if (!median) return Arrays.stream(v).average().orElse(Double.NaN);
            Arrays.sort(v);
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
    }

    private LandmarkBenchmark() {}

    /**
     * @param facemark null to measure the detector's own points; else the facemark model fitted in
     *                 the detector's boxes (its points mapped to Vigil's five)
     */
    public static Errors run(Path imagesDir, List<Path> xmls, FaceDetector detector, FacemarkLandmarker facemark) {
        int annotated = 0;
        List<double[]> perFace = new ArrayList<>();
        for (Path xml : xmls) {
            for (Map.Entry<String, List<DlibLandmarks.Face>> e : DlibLandmarks.read(xml).entrySet()) {
                Path file = imagesDir.resolve(e.getKey());
                Mat img = imread(file.toString());
                if (img == null || img.empty()) throw new IllegalArgumentException("cannot read image " + file + " named in " + xml);
                List<FaceBox> found = detector.detect(img);
                if (facemark != null) found = facemark.refine(img, found);
                for (DlibLandmarks.Face truth : e.getValue()) {
                    annotated++;
                    FaceBox match = match(truth, found);
                    if (match != null) perFace.add(errors(truth, match.landmarks()));
                }
                img.close();
            }
        }
        String source = detector.name() + (facemark == null ? "" : " + facemark " + facemark.points() + "pt (" + facemark.model().getFileName() + ")");
        return new Errors(source, annotated, perFace.size(), perFace);
    }

    /** The detection whose box contains both annotated eye centres and whose centre is nearest theirs. */
    static FaceBox match(DlibLandmarks.Face truth, List<FaceBox> found) {
        double[] a = truth.leftEye(), b = truth.rightEye();
        double mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2;
        FaceBox best = null;
        double bestD = Double.MAX_VALUE;
        for (FaceBox f : found) {
            if (!inside(f, a) || !inside(f, b)) continue;
            double d = Math.hypot(f.centreX() - mx, f.centreY() - my);
            if (d < bestD) {
                bestD = d;
                best = f;
            }
        }
        return best;
    }

    private static boolean inside(FaceBox f, double[] p) {
        return p[0] >= f.x() && p[0] <= f.x() + f.width() && p[1] >= f.y() && p[1] <= f.y() + f.height();
    }

    /** NME of each of Vigil's five points (NaN for points the landmarks lack). */
    static double[] errors(DlibLandmarks.Face truth, float[] lm) {
        double io = truth.interOcular();
        double[][] ref = {truth.leftEye(), truth.rightEye(), truth.point(30), truth.point(48), truth.point(54)};
        double[] out = new double[5];
        for (int i = 0; i < 5; i++) {
            out[i] = 2 * i + 1 < lm.length ? Math.hypot(lm[2 * i] - ref[i][0], lm[2 * i + 1] - ref[i][1]) / io : Double.NaN;
        }
        return out;
    }
}
