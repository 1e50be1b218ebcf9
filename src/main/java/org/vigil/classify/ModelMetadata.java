package org.vigil.classify;

import java.util.List;
import java.util.Map;

/**
 * Everything Vigil needs to use a model correctly, stored beside the network in the model file.
 *
 * @param engine   "samediff" (Vigil's own) or "dl4j-graph" (imported Keras)
 * @param layout   "NCHW" or "NHWC": where the channel axis of the input is
 * @param metrics  test metrics known when the model was written (accuracy etc.), may be empty
 * @param temperature softmax temperature T applied to the network's probabilities at inference
 *                 ({@link TemperatureScaling}); fitted by {@code calibrate}. Absent in files written
 *                 before calibration existed, which therefore read as {@link #DEFAULT_TEMPERATURE}
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
        Map<String, Double> metrics,
        Double temperature) {

    // Temperature is an optional field: older readers ignore it (and give the uncalibrated
    // probabilities they always gave), so the format version stays 1.
    public static final int FORMAT_VERSION = 1;
    /** An uncalibrated model: the network's own probabilities. */
    public static final double DEFAULT_TEMPERATURE = 1.0;

    public ModelMetadata {
        labels = List.copyOf(labels);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        temperature = temperature == null ? DEFAULT_TEMPERATURE : temperature;
    }

    /** An uncalibrated model's metadata (temperature {@value #DEFAULT_TEMPERATURE}). */
    public ModelMetadata(int formatVersion, String name, String architecture, String engine, List<String> labels,
                         int inputHeight, int inputWidth, String layout, Preprocessing preprocessing, String inputName,
                         String outputName, String trainingData, String created, long parameters, Map<String, Double> metrics) {
        this(formatVersion, name, architecture, engine, labels, inputHeight, inputWidth, layout, preprocessing, inputName,
                outputName, trainingData, created, parameters, metrics, DEFAULT_TEMPERATURE);
    }

    public int classes() {
        return labels.size();
    }

    public ModelMetadata withMetrics(Map<String, Double> newMetrics) {
        return new ModelMetadata(formatVersion, name, architecture, engine, labels, inputHeight, inputWidth, layout,
                preprocessing, inputName, outputName, trainingData, created, parameters, newMetrics, temperature);
    }

    public ModelMetadata withName(String newName) {
        return new ModelMetadata(formatVersion, newName, architecture, engine, labels, inputHeight, inputWidth, layout,
                preprocessing, inputName, outputName, trainingData, created, parameters, metrics, temperature);
    }

    public ModelMetadata withTemperature(double newTemperature) {
        return new ModelMetadata(formatVersion, name, architecture, engine, labels, inputHeight, inputWidth, layout,
                preprocessing, inputName, outputName, trainingData, created, parameters, metrics, newTemperature);
    }
}
