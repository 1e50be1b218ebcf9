package org.vigil.eval;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.Locale;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Puts a pre-cropped face (a FER 48x48 image) into a larger BGR frame, so that a detector sees it in
 * context the way a camera would: enlarged (a 48 px face is below what YuNet finds reliably), then
 * surrounded by a border. Where the face lands in the frame is known exactly, which is what lets
 * the detector's box be compared with the original crop.
 */
public final class FaceFrame {
    /** What fills the frame around the face. */
    public enum Border {
        /** Mirror of the face's edge (what evaluate --detect used before: faces are repeated in the border). */
        REFLECT,
        /** Edge pixels smeared outwards. */
        REPLICATE,
        /** Plain mid-grey. */
        GREY,
        /** The mirrored border, heavily blurred: context without a second, mirrored face. */
        BLUR;

        public static Border parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** The frame (BGR, caller closes) and the face's square in it. */
    public record Framed(Mat frame, int faceX, int faceY, int faceSide) {}

    private FaceFrame() {}

    /**
     * @param face  grey or BGR face image (not closed here)
     * @param side  the face is enlarged (bicubic) so that its shorter side is at least this; 0 keeps its size
     * @param pad   border on each side, as a fraction of the (enlarged) face's longer side
     */
    public static Framed place(Mat face, int side, double pad, Border border) {
        Mat cur = new Mat();
        if (face.channels() == 1) cvtColor(face, cur, COLOR_GRAY2BGR); else face.copyTo(cur);
        int shorter = Math.min(cur.cols(), cur.rows());
        if (side > 0 && shorter < side) {
            double f = side / (double) shorter;
            Mat big = new Mat();
            try (Size s = new Size((int) Math.round(cur.cols() * f), (int) Math.round(cur.rows() * f))) {
                resize(cur, big, s, 0, 0, INTER_CUBIC);
            }
            cur.close();
            cur = big;
        }
        int faceSide = cur.cols();
        int p = (int) Math.round(Math.max(cur.cols(), cur.rows()) * pad);
        if (p <= 0) return new Framed(cur, 0, 0, faceSide);
        Mat framed = new Mat();
        switch (border) {
            case REFLECT -> copyMakeBorder(cur, framed, p, p, p, p, BORDER_REFLECT);
            case REPLICATE -> copyMakeBorder(cur, framed, p, p, p, p, BORDER_REPLICATE);
            case GREY -> {
                try (Scalar grey = new Scalar(128, 128, 128, 0)) {
                    copyMakeBorder(cur, framed, p, p, p, p, BORDER_CONSTANT, grey);
                }
            }
            case BLUR -> {
                copyMakeBorder(cur, framed, p, p, p, p, BORDER_REFLECT);
                int k = 2 * (Math.max(cur.cols(), cur.rows()) / 8) + 1; // a blur wide enough to wipe out facial features
                try (Size ks = new Size(k, k); Mat blurred = new Mat()) {
                    GaussianBlur(framed, blurred, ks, 0);
                    try (Rect r = new Rect(p, p, cur.cols(), cur.rows()); Mat dst = new Mat(blurred, r)) {
                        cur.copyTo(dst); // the face itself stays sharp
                    }
                    blurred.copyTo(framed);
                }
            }
        }
        cur.close();
        return new Framed(framed, p, p, faceSide);
    }
}
