package org.vigil.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.vigil.base.SharedData;
import org.vigil.detect.FaceDetectors;
import picocli.CommandLine.Option;

/** The face-detector options every command that finds faces shares (a picocli mixin). */
public final class DetectorOptions {
    @Option(names = "--detector", paramLabel = "haar|yunet",
            description = "Face detector. Default: yunet when its model is found, else haar.")
    String detector;

    @Option(names = "--yunet-model", paramLabel = "FILE",
            description = "YuNet ONNX model (OpenCV model zoo face_detection_yunet); default the one in $VIGIL_SHARED.")
    Path yunetModel;

    /** The detector to build: kind "haar" or "yunet", and YuNet's model file (null for haar). */
    public record Choice(String kind, Path yunetModel) {}

    public Choice resolve() {
        return resolve(detector, yunetModel);
    }

    static Choice resolve(String kind, Path yunet) {
        if (yunet != null && !Files.isRegularFile(yunet)) {
            throw new IllegalArgumentException("--yunet-model " + yunet + ": file not found (get face_detection_yunet_2023mar.onnx "
                    + "from the OpenCV model zoo, github.com/opencv/opencv_zoo models/face_detection_yunet)");
        }
        if (kind == null) {
            Optional<Path> found = yunet != null ? Optional.of(yunet) : FaceDetectors.defaultYuNetModel(SharedData.root());
            return found.map(p -> new Choice("yunet", p)).orElseGet(() -> new Choice("haar", null));
        }
        if (kind.equalsIgnoreCase("yunet")) {
            Path p = yunet != null ? yunet : FaceDetectors.defaultYuNetModel(SharedData.root()).orElse(null);
            if (p == null) {
                throw new IllegalArgumentException("--detector yunet: no model found; pass --yunet-model <face_detection_yunet_2023mar.onnx> "
                        + "(from the OpenCV model zoo, github.com/opencv/opencv_zoo models/face_detection_yunet) or use --detector haar");
            }
            return new Choice("yunet", p);
        }
        if (kind.equalsIgnoreCase("haar")) return new Choice("haar", null);
        throw new IllegalArgumentException("--detector " + kind + ": use haar or yunet");
    }
}
