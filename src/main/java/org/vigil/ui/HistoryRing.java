package org.vigil.ui;

import java.util.List;
import java.util.Map;
import org.vigil.pipeline.BedState;

/**
 * A bed's history in fixed flat arrays, allocated once: the dashboard's memory for history is the same
 * in its first minute as after a week (a deque of points grew for an hour per bed and made a soak's heap
 * slope meaningless until then). When full the oldest point is overwritten. Not thread safe: the owner
 * ({@link BedFeed}) synchronizes.
 */
final class HistoryRing {
    private static final BedState[] STATES = BedState.values();

    private final int capacity;
    private List<String> labels = List.of();
    private double[] t;
    private byte[] state;
    private float[] scores;
    private int start;
    private int size;

    HistoryRing(int capacity) {
        this.capacity = capacity;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    double lastT() {
        return t[index(size - 1)];
    }

    BedState lastState() {
        return STATES[state[index(size - 1)]];
    }

    void clear() {
        start = 0;
        size = 0;
    }

    /** Adds a point; an empty {@code emotions} map means not assessable. A new label set (model swapped) starts over. */
    void add(double time, BedState s, Map<String, Double> emotions) {
        if (!emotions.isEmpty() && !sameLabels(emotions)) {
            labels = List.copyOf(new java.util.TreeSet<>(emotions.keySet()));
            scores = null;
            clear();
        }
        if (t == null) {
            t = new double[capacity];
            state = new byte[capacity];
        }
        if (scores == null && !labels.isEmpty()) scores = new float[capacity * labels.size()];
        int i = size < capacity ? index(size++) : advance();
        t[i] = time;
        state[i] = (byte) s.ordinal();
        if (scores != null) {
            int k = labels.size();
            for (int j = 0; j < k; j++) {
                Double v = emotions.get(labels.get(j));
                scores[i * k + j] = v == null ? Float.NaN : v.floatValue();
            }
        }
    }

    /** Drops points older than {@code time}. */
    void dropBefore(double time) {
        while (size > 0 && t[start] < time) {
            start = (start + 1) % capacity;
            size--;
        }
    }

    /** A copy of the points at or after {@code from}, oldest first. */
    HistorySlice slice(double from) {
        int first = 0;
        while (first < size && t[index(first)] < from) first++;
        int n = size - first, k = labels.size();
        double[] ts = new double[n];
        BedState[] ss = new BedState[n];
        float[] sc = new float[n * k];
        for (int p = 0; p < n; p++) {
            int i = index(first + p);
            ts[p] = t[i];
            ss[p] = STATES[state[i]];
            if (k > 0) System.arraycopy(scores, i * k, sc, p * k, k);
        }
        return new HistorySlice(labels, ts, ss, sc);
    }

    private boolean sameLabels(Map<String, Double> emotions) {
        return emotions.size() == labels.size() && labels.containsAll(emotions.keySet());
    }

    private int advance() {
        int i = start;
        start = (start + 1) % capacity;
        return i;
    }

    private int index(int p) {
        return (start + p) % capacity;
    }
}
