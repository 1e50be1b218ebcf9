package org.vigil.ui;

import java.util.List;
import org.vigil.classify.EmotionLabels;
import org.vigil.pipeline.BedState;

/**
 * A copy of part of one bed's history, oldest first, in flat arrays: the detail chart paints up to an
 * hour (7,200 points) several times a second, and a map per point would cost the heap an hour of garbage.
 * A point where the patient could not be assessed has no scores ({@link #score} is NaN).
 */
public final class HistorySlice {
    static final HistorySlice EMPTY = new HistorySlice(List.of(), new double[0], new BedState[0], new float[0]);

    private final List<String> labels;
    private final double[] t;
    private final BedState[] states;
    private final float[] scores; // row-major: point i, label j at i * labels.size() + j

    HistorySlice(List<String> labels, double[] t, BedState[] states, float[] scores) {
        this.labels = List.copyOf(labels);
        this.t = t;
        this.states = states;
        this.scores = scores;
    }

    public int size() {
        return t.length;
    }

    public boolean isEmpty() {
        return t.length == 0;
    }

    /** The score labels of the model that produced this history. */
    public List<String> labels() {
        return labels;
    }

    public double t(int i) {
        return t[i];
    }

    public BedState state(int i) {
        return states[i];
    }

    /** The smoothed score of {@code label} at point i; NaN when not assessable there or the model has no such label. */
    public double score(int i, String label) {
        int j = labels.indexOf(label);
        return j < 0 ? Double.NaN : scores[i * labels.size() + j];
    }

    /** The distress score at point i (sum of the distress classes, at most 1); NaN when not assessable there. */
    public double distress(int i) {
        if (labels.isEmpty() || Float.isNaN(scores[i * labels.size()])) return Double.NaN;
        double s = 0;
        for (String k : EmotionLabels.DISTRESS) {
            int j = labels.indexOf(k);
            if (j >= 0) s += scores[i * labels.size() + j];
        }
        return Math.min(1, s);
    }
}
