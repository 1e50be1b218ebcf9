package org.vigil.detect;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Finds faces in one BGR frame. Boxes are in the pixel coordinates of the frame passed in, even when
 * the detector works on a downscaled copy. Not thread-safe: each pipeline thread owns its detector.
 */
public interface FaceDetector extends AutoCloseable {

    /** @param bgrFrame 8-bit, 3 channels (BGR) or 1 channel (grey) */
    List<FaceBox> detect(Mat bgrFrame);

    /** "haar" or "yunet", for logs and reports. */
    String name();

    /** Landmarks come with the boxes (YuNet: 5 points). */
    default boolean givesLandmarks() {
        return false;
    }

    @Override
    default void close() {}
}
