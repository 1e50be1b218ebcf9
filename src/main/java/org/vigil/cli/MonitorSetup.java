package org.vigil.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.ModelLoader;
import org.vigil.detect.FaceDetectors;

/** Shared option resolution of the monitor and bench commands: which model and detector to use. */
final class MonitorSetup {
    static final Path DEFAULT_MODEL = Path.of("models", "vigil-fer7-compact.vigil");

    private MonitorSetup() {}

    static EmotionModel loadModel(Path model) {
        Path p = model;
        if (p == null) {
            if (!Files.isRegularFile(DEFAULT_MODEL)) {
                throw new IllegalArgumentException("no emotion model: " + DEFAULT_MODEL + " does not exist (train it with "
                        + "./run.sh train), so pass --model <file.vigil>, or a Keras model such as --model "
                        + SharedData.root().resolve("models/keras/fer2013_mini_XCEPTION.102-0.66.hdf5"));
            }
            p = DEFAULT_MODEL;
        }
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException("--model " + p + ": file not found");
        return ModelLoader.load(p);
    }

    /** @return {kind, yunet model or null} */
    static Object[] detector(String kind, Path yunet) {
        if (kind == null) {
            Optional<Path> found = yunet != null ? Optional.of(yunet) : FaceDetectors.defaultYuNetModel(SharedData.root());
            return found.isPresent() ? new Object[] {"yunet", found.get()} : new Object[] {"haar", null};
        }
        if (kind.equalsIgnoreCase("yunet")) {
            Path p = yunet != null ? yunet : FaceDetectors.defaultYuNetModel(SharedData.root()).orElse(null);
            if (p == null) {
                throw new IllegalArgumentException("--detector yunet: no model found; pass --yunet-model <face_detection_yunet_2023mar.onnx> "
                        + "(from the OpenCV model zoo, github.com/opencv/opencv_zoo models/face_detection_yunet) or use --detector haar");
            }
            return new Object[] {"yunet", p};
        }
        if (kind.equalsIgnoreCase("haar")) return new Object[] {"haar", null};
        throw new IllegalArgumentException("--detector " + kind + ": use haar or yunet");
    }
}
