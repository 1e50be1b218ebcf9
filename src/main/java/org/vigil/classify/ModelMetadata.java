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
 * @param priorShift  per label, a log-prior offset added after the temperature: softmax(log p / T + shift).
 *                    A ward sees resting faces far more often than the training set did (Saerens et al. 2002,
 *                    prior shift), and a calm face read as distress costs an alarm every shift; fitted by
 *                    {@code calibrate --calm-as-distress-max}. Absent: none
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
        Double temperature,
        Map<String, Double> priorShift) {

    // Temperature is an optional field: older readers ignore it (and give the uncalibrated
    // probabilities they always gave), so the format version stays 1.
    public static final int FORMAT_VERSION = 1;
    /** An uncalibrated model: the network's own probabilities. */
    public static final double DEFAULT_TEMPERATURE = 1.0;

    public ModelMetadata {
        labels = List.copyOf(labels);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        temperature = temperature == null ? DEFAULT_TEMPERATURE : temperature;
        priorShift = priorShift == null ? Map.of() : Map.copyOf(priorShift);
        for (String k : priorShift.keySet()) {
            if (!labels.contains(k)) throw new IllegalArgumentException("priorShift names '" + k + "', not one of the labels " + labels);
        }
    }

    /** A calibrated model's metadata without a prior shift. */
    public ModelMetadata(int formatVersion, String name, String architecture, String engine, List<String> labels,
                         int inputHeight, int inputWidth, String layout, Preprocessing preprocessing, String inputName,
                         String outputName, String trainingData, String created, long parameters, Map<String, Double> metrics,
                         Double temperature) {
        this(formatVersion, name, architecture, engine, labels, inputHeight, inputWidth, layout, preprocessing, inputName,
                outputName, trainingData, created, parameters, metrics, temperature, Map.of());
    }

    /** An uncalibrated model's metadata (temperature {@value #DEFAULT_TEMPERATURE}). */
    public ModelMetadata(int formatVersion, String name, String architecture, String engine, List<String> labels,
                         int inputHeight, int inputWidth, String layout, Preprocessing preprocessing, String inputName,
                         String outputName, String trainingData, String created, long parameters, Map<String, Double> metrics) {
        this(formatVersion, name, architecture, engine, labels, inputHeight, inputWidth, layout, preprocessing, inputName,
                outputName, trainingData, created, parameters, metrics, DEFAULT_TEMPERATURE, Map.of());
    }

    public int classes() {
        return labels.size();
    }

    public ModelMetadata withMetrics(Map<String, Double> newMetrics) {
        return new ModelMetadata(formatVersion, name, architecture, engine, labels, inputHeight, inputWidth, layout,
                preprocessing, inputName, outputName, trainingData, created, parameters, newMetrics, temperature, priorShift);
    }

    public ModelMetadata withLayout(String newLayout) {
        return new ModelMetadata(formatVersion, name, architecture, engine, labels, inputHeight, inputWidth, newLayout,
                preprocessing, inputName, outputName, trainingData, created, parameters, metrics, temperature, priorShift);
    }

    public ModelMetadata withName(String newName) {
        return new ModelMetadata(formatVersion, newName, architecture, engine, labels, inputHeight, inputWidth, layout,
                preprocessing, inputName, outputName, trainingData, created, parameters, metrics, temperature, priorShift);
    }

    public ModelMetadata withTemperature(double newTemperature) {
        return new ModelMetadata(formatVersion, name, architecture, engine, labels, inputHeight, inputWidth, layout,
                preprocessing, inputName, outputName, trainingData, created, parameters, metrics, newTemperature, priorShift);
    }

    public ModelMetadata withPriorShift(Map<String, Double> newShift) {
        return new ModelMetadata(formatVersion, name, architecture, engine, labels, inputHeight, inputWidth, layout,
                preprocessing, inputName, outputName, trainingData, created, parameters, metrics, temperature, newShift);
    }

    /** The prior shift as a vector in label order (zeros where none). */
    public double[] priorShiftVector() {
        double[] v = new double[labels.size()];
        for (int k = 0; k < v.length; k++) v[k] = priorShift.getOrDefault(labels.get(k), 0.0);
        return v;
    }
}
