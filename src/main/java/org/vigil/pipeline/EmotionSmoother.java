package org.vigil.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exponential moving average of class probabilities over stream time: each new classification
 * weighs 1 - exp(-dt / tau), so the estimate does not depend on the classification rate, and a
 * single odd frame moves it only a little. Emotion changes over seconds, not frames.
 */
public final class EmotionSmoother {
    private final List<String> labels;
    private final double tauS;
    private double[] mean;
    private double lastT = Double.NaN;

    public EmotionSmoother(List<String> labels, double tauS) {
        this.labels = List.copyOf(labels);
        this.tauS = tauS;
    }

    public void add(double t, float[] probs) {
        if (probs.length != labels.size()) {
            throw new IllegalArgumentException("model gave " + probs.length + " scores for " + labels.size() + " labels");
        }
        if (mean == null) {
            mean = new double[probs.length];
            for (int i = 0; i < probs.length; i++) mean[i] = probs[i];
        } else {
            double dt = Math.max(0, t - lastT);
            double a = tauS <= 0 ? 1 : 1 - Math.exp(-dt / tauS);
            for (int i = 0; i < probs.length; i++) mean[i] += a * (probs[i] - mean[i]);
        }
        lastT = t;
    }

    /** Forgets the past: after a long absence the next face may be a different situation. */
    public void reset() {
        mean = null;
        lastT = Double.NaN;
    }

    public boolean hasEstimate() {
        return mean != null;
    }

    public Map<String, Double> scores() {
        Map<String, Double> m = new LinkedHashMap<>();
        if (mean == null) return m;
        for (int i = 0; i < labels.size(); i++) m.put(labels.get(i), Math.round(mean[i] * 1e4) / 1e4);
        return m;
    }

    public double top() {
        if (mean == null) return 0;
        double best = 0;
        for (double v : mean) best = Math.max(best, v);
        return best;
    }

    public String topLabel() {
        if (mean == null) return null;
        int best = 0;
        for (int i = 1; i < mean.length; i++) if (mean[i] > mean[best]) best = i;
        return labels.get(best);
    }

    /** Sum of the given labels' smoothed probabilities (e.g. angry + sad). */
    public double sum(java.util.Set<String> which) {
        if (mean == null) return 0;
        double s = 0;
        for (int i = 0; i < labels.size(); i++) if (which.contains(labels.get(i))) s += mean[i];
        return s;
    }
}
