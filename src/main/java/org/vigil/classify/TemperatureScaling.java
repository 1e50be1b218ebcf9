package org.vigil.classify;

/**
 * Temperature scaling (Guo et al. 2017, "On calibration of modern neural networks"): a model's
 * probabilities p become p_i^(1/T) / sum_j p_j^(1/T), which is exactly softmax(logits / T). T above 1
 * softens over-confident answers, below 1 sharpens them; the most probable class never changes.
 * Working on probabilities rather than logits lets one step serve every engine (SameDiff and
 * imported Keras) after its softmax.
 */
public final class TemperatureScaling {
    /**
     * The smallest positive float: a probability that underflowed to 0 in the network's float32
     * softmax was at most this, so its log stays finite.
     */
    public static final double SMALLEST_PROBABILITY = Float.MIN_VALUE;

    private TemperatureScaling() {}

    /** Each row rescaled to temperature T; with T = 1 the very same array comes back (no cost on the default path). */
    public static float[][] apply(float[][] probabilities, double temperature) {
        return apply(probabilities, temperature, null);
    }

    /**
     * Each row as softmax(log p / T + shift): the temperature, then a prior shift ({@link ModelMetadata#priorShift});
     * with T = 1 and no shift the very same array comes back.
     */
    public static float[][] apply(float[][] probabilities, double temperature, double[] shift) {
        boolean shifted = shift != null && java.util.Arrays.stream(shift).anyMatch(v -> v != 0);
        if (temperature == ModelMetadata.DEFAULT_TEMPERATURE && !shifted) return probabilities;
        float[][] out = new float[probabilities.length][];
        for (int i = 0; i < probabilities.length; i++) {
            float[] p = probabilities[i];
            double[] log = new double[p.length];
            for (int k = 0; k < p.length; k++) {
                log[k] = Math.log(Math.max(p[k], SMALLEST_PROBABILITY)) + (shifted ? shift[k] * temperature : 0);
            }
            double[] q = softmax(log, temperature);
            out[i] = new float[p.length];
            for (int k = 0; k < p.length; k++) out[i][k] = (float) q[k];
        }
        return out;
    }

    /** softmax(z / T), shifted by the maximum so that no exponent overflows. */
    public static double[] softmax(double[] z, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) max = Math.max(max, v);
        double[] q = new double[z.length];
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            q[k] = Math.exp((z[k] - max) / temperature);
            sum += q[k];
        }
        for (int k = 0; k < z.length; k++) q[k] /= sum;
        return q;
    }
}
