package org.vigil.detect;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Detection on a smaller copy of the frame: detectors' cost grows with pixel count while faces at
 * a bedside stay large, so 1080p frames are shrunk until their longest side is at most maxSide.
 */
final class Downscale {
    private final int maxSide;
    private final Mat small = new Mat();

    Downscale(int maxSide) {
        this.maxSide = maxSide;
    }

    /** Factor from the detector's image back to frame pixels (>= 1). */
    double factor(Mat frame) {
        int side = Math.max(frame.cols(), frame.rows());
        return maxSide <= 0 || side <= maxSide ? 1.0 : side / (double) maxSide;
    }

    /** The frame itself, or a reusable scaled copy owned by this object. */
    Mat apply(Mat frame, double factor) {
        if (factor == 1.0) return frame;
        int w = Math.max(1, (int) Math.round(frame.cols() / factor));
        int h = Math.max(1, (int) Math.round(frame.rows() / factor));
        try (Size size = new Size(w, h)) {
            resize(frame, small, size, 0, 0, INTER_AREA);
        }
        return small;
    }

    void release() {
        small.release();
    }
}
