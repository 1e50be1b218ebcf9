package org.vigil.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.vigil.base.Defaults;

/** Creates the configured detector and finds the default YuNet model. */
public final class FaceDetectors {
    private FaceDetectors() {}

    /**
     * @param kind   "haar" or "yunet"
     * @param yunet  the YuNet ONNX file (required for yunet)
     */
    public static FaceDetector create(String kind, Path yunet, int maxSide) {
        return switch (kind.toLowerCase()) {
            case Defaults.HAAR -> new HaarFaceDetector(maxSide);
            case Defaults.YUNET -> {
                if (yunet == null) {
                    throw new IllegalArgumentException("--detector yunet needs a model: pass --yunet-model <file.onnx> "
                            + "(face_detection_yunet_2023mar.onnx from the OpenCV model zoo)");
                }
                yield new YuNetFaceDetector(yunet, maxSide, YuNetFaceDetector.DEFAULT_SCORE_THRESHOLD);
            }
            default -> throw new IllegalArgumentException("unknown detector '" + kind + "': use haar or yunet");
        };
    }

    /**
     * A detector that works on frames shrunk as far as possible while faces of {@code minFacePx}
     * (the smallest the pipeline assesses) stay detectable: e.g. 640x480 -> 256x192 for YuNet with
     * 40 px faces, 2.5x fewer pixels per side, whatever the camera resolution.
     */
    public static FaceDetector createForMinFace(String kind, Path yunet, int minFacePx) {
        return switch (kind.toLowerCase()) {
            case Defaults.HAAR -> HaarFaceDetector.forMinFace(minFacePx);
            case Defaults.YUNET -> {
                if (yunet == null) yield create(kind, null, 0);
                yield YuNetFaceDetector.forMinFace(yunet, minFacePx);
            }
            default -> create(kind, yunet, 0);
        };
    }

    /**
     * The YuNet model to use when none is given: $VIGIL_SHARED/models/yunet/... (or ../shared), else
     * the first models/yunet/*.onnx under the working directory.
     */
    public static Optional<Path> defaultYuNetModel(Path sharedRoot) {
        Path shared = sharedRoot.resolve(Defaults.SHARED_YUNET);
        if (Files.isRegularFile(shared)) return Optional.of(shared);
        Path local = Path.of("models", "yunet");
        if (Files.isDirectory(local)) {
            try (Stream<Path> s = Files.list(local)) {
                return s.filter(p -> p.toString().endsWith(".onnx")).sorted().findFirst();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
