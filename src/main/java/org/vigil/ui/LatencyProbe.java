package org.vigil.ui;

import java.util.Arrays;
import org.vigil.base.NearestRank;

/**
 * Frame-to-screen latency: from a frame reaching the dashboard (onFrame) to the tile having painted it.
 * Tiles record it while painting; the benchmarks read the percentiles. Keeps the most recent
 * {@link #KEPT} samples only: the window records on every paint for as long as it is open (weeks).
 */
public final class LatencyProbe {
    /** Samples kept (512 KB): 16 beds at 12 frames/s fill it in about 6 minutes. */
    static final int KEPT = 65_536;

    private final long[] samples = new long[KEPT];
    /** Samples recorded since the last reset; the newest is at (n - 1) % KEPT. */
    private long n;

    /** Repaint a tile now (EDT) and record the latency of the frame it painted, once per new frame. */
    void repaintTracked(BedTile t) {
        long before = t.paintedFrameReceived();
        t.paintImmediately(0, 0, t.getWidth(), t.getHeight());
        long after = t.paintedFrameReceived();
        if (after != 0 && after != before) record(System.nanoTime() - after);
    }

    synchronized void record(long nanos) {
        samples[(int) (n % KEPT)] = nanos;
        n++;
    }

    /** Samples recorded since the last reset (saturates at Integer.MAX_VALUE). */
    public synchronized int count() {
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /** A mark for {@link #percentileMillisSince}: how many samples were recorded so far. */
    public synchronized long mark() {
        return n;
    }

    public synchronized void reset() {
        n = 0;
    }

    /** Percentile in milliseconds (p in 0..100) of the kept samples; NaN with no samples. */
    public synchronized double percentileMillis(double p) {
        return percentileMillisSince(0, p);
    }

    /**
     * Percentile in milliseconds (p in 0..100) of the samples recorded since {@code mark} (an earlier
     * {@link #mark()}), at most the last {@link #KEPT}; NaN when there are none (or after a reset).
     */
    public synchronized double percentileMillisSince(long mark, double p) {
        long from = Math.max(mark, n - KEPT);
        if (n <= from) return Double.NaN;
        long[] s = new long[(int) (n - from)];
        for (long i = from; i < n; i++) s[(int) (i - from)] = samples[(int) (i % KEPT)];
        Arrays.sort(s);
        return s[NearestRank.index(s.length, p / 100.0)] / 1e6;
    }
}
