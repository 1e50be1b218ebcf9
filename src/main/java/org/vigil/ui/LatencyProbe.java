package org.vigil.ui;

import java.util.Arrays;

/**
 * Frame-to-screen latency: from a frame reaching the dashboard (onFrame) to the tile having painted it.
 * Tiles record it while painting; the benchmark reads the percentiles.
 */
public final class LatencyProbe {
    private long[] samples = new long[4096];
    private int n;

    /** Repaint a tile now (EDT) and record the latency of the frame it painted, once per new frame. */
    void repaintTracked(BedTile t) {
        long before = t.paintedFrameReceived();
        t.paintImmediately(0, 0, t.getWidth(), t.getHeight());
        long after = t.paintedFrameReceived();
        if (after != 0 && after != before) record(System.nanoTime() - after);
    }

    synchronized void record(long nanos) {
        if (n == samples.length) samples = Arrays.copyOf(samples, n * 2);
        samples[n++] = nanos;
    }

    public synchronized int count() {
        return n;
    }

    public synchronized void reset() {
        n = 0;
    }

    /** Percentile in milliseconds (p in 0..100); NaN with no samples. */
    public synchronized double percentileMillis(double p) {
        if (n == 0) return Double.NaN;
        long[] s = Arrays.copyOf(samples, n);
        Arrays.sort(s);
        int i = (int) Math.min(n - 1, Math.max(0, Math.ceil(p / 100.0 * n) - 1));
        return s[i] / 1e6;
    }
}
