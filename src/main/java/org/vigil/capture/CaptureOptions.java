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
 */
public record CaptureOptions(boolean realtime, long firstBackoffMs, long maxBackoffMs, int offlineAfter,
                             int maxReconnects, long openTimeoutMs) {
    public static CaptureOptions defaults(boolean realtime) {
        return new CaptureOptions(realtime, 500, 30_000, 3, Defaults.MAX_RECONNECTS, 5_000);
    }

    public CaptureOptions withMaxReconnects(int n) {
        return new CaptureOptions(realtime, firstBackoffMs, maxBackoffMs, offlineAfter, n, openTimeoutMs);
    }

    public CaptureOptions withBackoff(long firstMs, long maxMs) {
        return new CaptureOptions(realtime, firstMs, maxMs, offlineAfter, maxReconnects, openTimeoutMs);
    }
}
