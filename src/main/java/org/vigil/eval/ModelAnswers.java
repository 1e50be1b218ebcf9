package org.vigil.eval;

import org.vigil.classify.TemperatureScaling;

/**
 * A model's answers on labelled faces, kept as log-probabilities at temperature 1 (the temperature
 * and prior shift the model ran at are undone), so they can be scored at any temperature: negative
 * log-likelihood, accuracy and reliability, each under the prior shift these answers carry
 * (softmax(z / T + shift); see {@link org.vigil.classify.ModelMetadata#priorShift}). Immutable.
 */
public final class ModelAnswers {
    private final double[][] logProbabilities;
    private final int[] labels;
    private final double[] shift;

    private ModelAnswers(double[][] logProbabilities, int[] labels, double[] shift) {
        this.logProbabilities = logProbabilities;
        this.labels = labels;
        this.shift = shift;
    }

    /**
     * @param probabilities per face the class probabilities, as the model gave them at {@code temperature}
     * @param labels        per face the true class index
     */
    public static ModelAnswers of(double[][] probabilities, int[] labels, double temperature) {
        return of(probabilities, labels, temperature, null);
    }

    /**
     * @param shift the prior shift the model ran with, per class of the answers (null: none); it is undone
     *              and kept, so scores are of the probabilities the model gave
     */
    public static ModelAnswers of(double[][] probabilities, int[] labels, double temperature, double[] shift) {
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException(probabilities.length + " answers but " + labels.length + " labels");
        }
        double[][] z = new double[probabilities.length][];
        for (int i = 0; i < probabilities.length; i++) {
            // log(p at T) = log(p at 1)/T - const, so T*log(p at T) is log(p at 1) up to a per-row constant.
            z[i] = new double[probabilities[i].length];
            for (int k = 0; k < z[i].length; k++) {
                z[i][k] = temperature * Math.log(Math.max(probabilities[i][k], TemperatureScaling.SMALLEST_PROBABILITY))
                        - (shift == null ? 0 : temperature * shift[k]);
            }
        }
        int classes = probabilities.length == 0 ? 0 : probabilities[0].length;
        return new ModelAnswers(z, labels.clone(), shift == null ? new double[classes] : shift.clone());
    }

    /** The same answers under another prior shift (per class; null: none). */
    public ModelAnswers withShift(double[] newShift) {
        return new ModelAnswers(logProbabilities, labels, newShift == null ? new double[shift.length] : newShift.clone());
    }

    /** The true class of face i. */
    public int label(int i) {
        return labels[i];
    }

    /** The most probable class of face i at temperature T under this shift. */
    public int predicted(int i, double temperature) {
        return argmax(logits(i, temperature));
    }

    /** z / T + shift: log-probabilities up to a constant. */
    private double[] logits(int i, double temperature) {
        double[] z = logProbabilities[i];
        double[] v = new double[z.length];
        for (int k = 0; k < z.length; k++) v[k] = z[k] / temperature + shift[k];
        return v;
    }

    public int size() {
        return labels.length;
    }

    /** Probabilities of face i at temperature T. */
    public double[] probabilities(int i, double temperature) {
        return TemperatureScaling.softmax(logits(i, temperature), 1);
    }

    /** Mean negative log-likelihood of the true labels at temperature T (natural log). */
    public double nll(double temperature) {
        if (labels.length == 0) return Double.NaN;
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double[] z = logits(i, temperature);
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) max = Math.max(max, v);
            double s = 0;
            for (double v : z) s += Math.exp(v - max);
            // -log softmax(z)_y = log sum exp(z - max) - (z_y - max)
            sum += Math.log(s) - (z[labels[i]] - max);
        }
        return sum / labels.length;
    }

    /** Share of faces whose most probable class is the true one (without a prior shift the same at every temperature). */
    public double accuracy(double temperature) {
        if (labels.length == 0) return Double.NaN;
        int ok = 0;
        for (int i = 0; i < labels.length; i++) if (predicted(i, temperature) == labels[i]) ok++;
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
