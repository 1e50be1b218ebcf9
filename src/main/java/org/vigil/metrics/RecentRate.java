package org.vigil.metrics;

/**
 * Events per second over the last complete window (the partial first window until one is complete),
 * 0 once no event came for two windows: a camera that stopped shows 0 fps, not its old rate.
 * Ticked by one thread, read by the scrape thread.
 */
final class RecentRate {
    private final long windowNanos;
    private long windowStart = -1;
    private long count;
    private long lastEvent;
    private double completeRate = Double.NaN;

    RecentRate(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    synchronized void tick(long nowNanos) {
        if (windowStart < 0) windowStart = nowNanos;
        count++;
        lastEvent = nowNanos;
        long elapsed = nowNanos - windowStart;
        if (elapsed >= windowNanos) {
            // count - 1 intervals between the window's first and last event
            completeRate = (count - 1) * 1e9 / elapsed;
            windowStart = nowNanos;
            count = 1;
        }
    }

    synchronized double perSecond(long nowNanos) {
        if (windowStart < 0 || nowNanos - lastEvent > 2 * windowNanos) return 0;
        if (!Double.isNaN(completeRate)) return completeRate;
        long elapsed = lastEvent - windowStart;
        return count < 2 || elapsed <= 0 ? 0 : (count - 1) * 1e9 / elapsed;
    }
}
