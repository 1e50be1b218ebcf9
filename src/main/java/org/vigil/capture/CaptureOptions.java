package org.vigil.capture;

import org.vigil.base.Defaults;

/**
 * How a capture thread behaves.
 *
 * @param realtime         play files at their own rate (true) or as fast as the pipeline goes (false)
 * @param firstBackoffMs   wait before the first reconnect; doubles per failed attempt
 * @param maxBackoffMs     cap of the reconnect wait
 * @param offlineAfter     failed attempts after which the source is reported offline (it keeps retrying)
 * @param maxReconnects    give up after this many failed attempts in a row (-1: never)
 * @param openTimeoutMs    network streams: how long a connect or read may block
 * @param loopFiles        a video file that ends starts again from its beginning, stream time running on
 * @param stopAfterS       stop quietly after this many seconds of stream time (infinity: run until the end or stop())
 */
public record CaptureOptions(boolean realtime, long firstBackoffMs, long maxBackoffMs, int offlineAfter,
                             int maxReconnects, long openTimeoutMs, boolean loopFiles, double stopAfterS) {
    public CaptureOptions {
        if (!(stopAfterS > 0)) throw new IllegalArgumentException("stop-after time must be positive, got " + stopAfterS);
    }

    public static CaptureOptions defaults(boolean realtime) {
        return new CaptureOptions(realtime, 500, 30_000, 3, Defaults.MAX_RECONNECTS, 5_000, false, Double.POSITIVE_INFINITY);
    }

    public CaptureOptions withMaxReconnects(int n) {
        return new CaptureOptions(realtime, firstBackoffMs, maxBackoffMs, offlineAfter, n, openTimeoutMs, loopFiles, stopAfterS);
    }

    public CaptureOptions withBackoff(long firstMs, long maxMs) {
        return new CaptureOptions(realtime, firstMs, maxMs, offlineAfter, maxReconnects, openTimeoutMs, loopFiles, stopAfterS);
    }

    public CaptureOptions withLoopFiles(boolean loop) {
        return new CaptureOptions(realtime, firstBackoffMs, maxBackoffMs, offlineAfter, maxReconnects, openTimeoutMs, loop, stopAfterS);
    }

    /** @param seconds stream time after which capture stops quietly; infinity for no limit */
    public CaptureOptions withStopAfter(double seconds) {
        return new CaptureOptions(realtime, firstBackoffMs, maxBackoffMs, offlineAfter, maxReconnects, openTimeoutMs, loopFiles, seconds);
    }
}
