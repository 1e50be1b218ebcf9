package org.vigil.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.vigil.base.Defaults;
import org.vigil.base.SharedData;
import org.vigil.detect.FaceDetector;
import org.vigil.detect.FaceDetectors;

/**
 * The face detector to build: kind {@value Defaults#HAAR} or {@value Defaults#YUNET}, and YuNet's model
 * file (null for Haar). The one place that decides the default: YuNet when its model is found
 * ($VIGIL_SHARED first, then models/yunet/*.onnx), else Haar.
 */
public record Detection(String kind, Path yunetModel) {

    /** The default detector (what --detector means when not given). */
    public static Detection defaults() {
        return resolve(null, null);
    }

    /**
     * @param kind  "haar", "yunet" or null (the default)
     * @param yunet a YuNet ONNX file, or null (the default one)
     */
    public static Detection resolve(String kind, Path yunet) {
        if (yunet != null && !Files.isRegularFile(yunet)) {
            throw new IllegalArgumentException("--yunet-model " + yunet + ": file not found (get face_detection_yunet_2023mar.onnx "
                    + "from the OpenCV model zoo, github.com/opencv/opencv_zoo models/face_detection_yunet)");
        }
        if (kind == null) {
            Optional<Path> found = yunet != null ? Optional.of(yunet) : FaceDetectors.defaultYuNetModel(SharedData.root());
            return found.map(p -> new Detection(Defaults.YUNET, p)).orElseGet(() -> new Detection(Defaults.HAAR, null));
        }
        if (kind.equalsIgnoreCase(Defaults.YUNET)) {
            Path p = yunet != null ? yunet : FaceDetectors.defaultYuNetModel(SharedData.root()).orElse(null);
            if (p == null) {
                throw new IllegalArgumentException("--detector yunet: no model found; pass --yunet-model <face_detection_yunet_2023mar.onnx> "
                        + "(from the OpenCV model zoo, github.com/opencv/opencv_zoo models/face_detection_yunet) or use --detector haar");
            }
            return new Detection(Defaults.YUNET, p);
        }
        if (kind.equalsIgnoreCase(Defaults.HAAR)) return new Detection(Defaults.HAAR, null);
        throw new IllegalArgumentException("--detector " + kind + ": use haar or yunet");
    }

    /** A detector working on frames shrunk to {@code maxSide} px longest side (0: full frame). */
    public FaceDetector create(int maxSide) {
        return FaceDetectors.create(kind, yunetModel, maxSide);
    }
}
