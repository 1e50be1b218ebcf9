package org.vigil.classify;

import java.nio.file.Path;

/** A model file that cannot be used; the message names the file and what is wrong with it. */
public class ModelFileException extends RuntimeException {
    public ModelFileException(Path file, String problem) {
        super("Model file " + file + ": " + problem);
    }

    public ModelFileException(Path file, String problem, Throwable cause) {
        super("Model file " + file + ": " + problem, cause);
    }
}
