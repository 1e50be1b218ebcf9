package org.vigil.eval;

import org.vigil.classify.TemperatureScaling;

/**
 * A model's answers on labelled faces, kept as log-probabilities at temperature 1 (the temperature
 * the model ran at is undone), so they can be scored at any temperature: negative log-likelihood,
 * accuracy and reliability. Immutable.
 */
public final class ModelAnswers {
    private final double[][] logProbabilities;
    private final int[] labels;

    private ModelAnswers(double[][] logProbabilities, int[] labels) {
        this.logProbabilities = logProbabilities;
        this.labels = labels;
    }

    /**
     * @param probabilities per face the class probabilities, as the model gave them at {@code temperature}
     * @param labels        per face the true class index
     */
    public static ModelAnswers of(double[][] probabilities, int[] labels, double temperature) {
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException(probabilities.length + " answers but " + labels.length + " labels");
        }
        double[][] z = new double[probabilities.length][];
        for (int i = 0; i < probabilities.length; i++) {
            // log(p at T) = log(p at 1)/T - const, so T*log(p at T) is log(p at 1) up to a per-row constant.
            z[i] = new double[probabilities[i].length];
            for (int k = 0; k < z[i].length; k++) {
                z[i][k] = temperature * Math.log(Math.max(probabilities[i][k], TemperatureScaling.SMALLEST_PROBABILITY));
            }
        }
        return new ModelAnswers(z, labels.clone());
    }

    public int size() {
        return labels.length;
    }

    /** Probabilities of face i at temperature T. */
    public double[] probabilities(int i, double temperature) {
        return TemperatureScaling.softmax(logProbabilities[i], temperature);
    }

    /** Mean negative log-likelihood of the true labels at temperature T (natural log). */
    public double nll(double temperature) {
        if (labels.length == 0) return Double.NaN;
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double[] z = logProbabilities[i];
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) max = Math.max(max, v);
            double s = 0;
            for (double v : z) s += Math.exp((v - max) / temperature);
            // -log softmax(z/T)_y = log sum exp((z - max)/T) - (z_y - max)/T
            sum += Math.log(s) - (z[labels[i]] - max) / temperature;
        }
        return sum / labels.length;
    }

    /** Share of faces whose most probable class is the true one (the same at every temperature). */
    public double accuracy() {
        if (labels.length == 0) return Double.NaN;
        int ok = 0;
        for (int i = 0; i < labels.length; i++) if (argmax(logProbabilities[i]) == labels[i]) ok++;
        return ok / (double) labels.length;
    }

    /** Top-1 confidence against accuracy at temperature T. */
    public ReliabilityBins reliability(double temperature, int bins) {
        double[] confidence = new double[labels.length];
        boolean[] right = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            double[] p = probabilities(i, temperature);
            int best = argmax(p);
            confidence[i] = p[best];
            right[i] = best == labels[i];
        }
        return ReliabilityBins.of(confidence, right, bins);
    }

    /** The first most probable class, the rule {@link org.vigil.classify.EmotionModel#argmax} follows too. */
    private static int argmax(double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) if (v[k] > v[best]) best = k;
        return best;
    }
}
