package org.vigil.capture;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One decoded frame handed from a capture thread to its processing thread. The receiver owns the
 * pixels and must {@link #release()} them.
 *
 * @param seq          frame number from this source (0, 1, ...), counting dropped ones
 * @param t            seconds of stream time: the container timestamp for files (plus the earlier
 *                     passes when a file loops, so it never goes back), time since the source
 *                     started for cameras and streams
 * @param grabbedNanos System.nanoTime() when the frame was decoded, for latency measurement
 * @param decodeNanos  time spent grabbing and converting it
 */
public record Frame(String bed, long seq, double t, long grabbedNanos, long decodeNanos, Mat bgr) {
    public void release() {
        bgr.release();
        bgr.close();
    }
}
