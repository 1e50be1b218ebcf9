package org.vigil.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.vigil.base.SharedData;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.ModelLoader;

/** Shared option resolution of the monitor and bench commands: which model to use. */
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
}
