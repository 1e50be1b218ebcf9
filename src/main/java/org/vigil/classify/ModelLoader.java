package org.vigil.classify;

import java.nio.file.Path;
import java.util.Locale;

/** Loads a model by file type: a Vigil model file, or a Keras .h5/.hdf5 imported on the fly (FER-2013 labels). */
public final class ModelLoader {
    private ModelLoader() {}

    public static EmotionModel load(Path file) {
        if (isKeras(file)) return KerasImporter.importModel(file, EmotionLabels.FER7, Preprocessing.SYMMETRIC);
        return ModelFile.load(file);
    }

    /** A Keras HDF5 file, by its name (.h5 or .hdf5). */
    public static boolean isKeras(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".h5") || n.endsWith(".hdf5");
    }
}
