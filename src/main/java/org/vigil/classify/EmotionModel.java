package org.vigil.classify;

import java.util.List;

/**
 * A loaded emotion classifier. Inputs are grey face crops already resized to the model's input
 * size, as 8-bit pixels row-major; the model applies its own preprocessing.
 * Implementations are safe to call from several threads (calls are serialised).
 */
public interface EmotionModel extends AutoCloseable {

    ModelMetadata metadata();

    /**
     * @param faces N crops, each inputHeight*inputWidth grey values 0..255
     * @return N rows of class probabilities in {@link ModelMetadata#labels()} order, already scaled by
     *         the metadata's temperature (every engine applies {@link TemperatureScaling} in its predict)
     */
    float[][] predict(List<byte[]> faces);

    /** Index of the most probable class in one row of {@link #predict} (the first on a tie). */
    static int argmax(float[] probabilities) {
        int best = 0;
        for (int k = 1; k < probabilities.length; k++) if (probabilities[k] > probabilities[best]) best = k;
        return best;
    }

    default List<String> labels() {
        return metadata().labels();
    }

    @Override
    default void close() {}
}
