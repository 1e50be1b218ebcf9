package org.vigil.classify;

import java.util.List;
import java.util.Map;

/**
 * Everything Vigil needs to use a model correctly, stored beside the network in the model file.
 *
 * @param engine   "samediff" (Vigil's own) or "dl4j-graph" (imported Keras)
 * @param layout   "NCHW" or "NHWC": where the channel axis of the input is
 * @param metrics  test metrics known when the model was written (accuracy etc.), may be empty
 */
public record ModelMetadata(
        int formatVersion,
        String name,
        String architecture,
        String engine,
        List<String> labels,
        int inputHeight,
        int inputWidth,
        String layout,
        Preprocessing preprocessing,
        String inputName,
        String outputName,
        String trainingData,
        String created,
        long parameters,
        Map<String, Double> metrics) {

    public static final int FORMAT_VERSION = 1;

    public ModelMetadata {
        labels = List.copyOf(labels);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    public int classes() {
        return labels.size();
    }

    public ModelMetadata withMetrics(Map<String, Double> newMetrics) {
        return new ModelMetadata(formatVersion, name, architecture, engine, labels, inputHeight, inputWidth, layout,
                preprocessing, inputName, outputName, trainingData, created, parameters, newMetrics);
    }

    public ModelMetadata withName(String newName) {
        return new ModelMetadata(formatVersion, newName, architecture, engine, labels, inputHeight, inputWidth, layout,
                preprocessing, inputName, outputName, trainingData, created, parameters, metrics);
    }
}
