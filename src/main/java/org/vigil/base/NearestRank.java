package org.vigil.base;

import java.util.List;

/**
 * The one definition of a percentile that Vigil prints (latencies, acknowledgement times, benchmark
 * tails): the nearest rank, the smallest sample with at least a share q of the samples at or below it.
 * It is always one of the samples, never an interpolated value no run measured.
 */
public final class NearestRank {
    private NearestRank() {}

    /**
     * Index of the q-quantile in n samples sorted ascending: ceil(q*n)-1, kept inside 0..n-1 (q of 0 gives
     * the smallest sample, 1 the largest).
     *
     * @throws IllegalArgumentException with no samples, or q outside 0..1
     */
    public static int index(int n, double q) {
        if (n <= 0) throw new IllegalArgumentException("no samples to take a quantile of");
        if (!(q >= 0 && q <= 1)) throw new IllegalArgumentException("quantile " + q + " is outside 0..1");
        return (int) Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
    }

    /** The q-quantile of values sorted ascending; NaN for none (a bed with no acknowledged alert, a run with no alert). */
    public static double of(List<Double> sorted, double q) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(index(sorted.size(), q));
    }
}
