package org.vigil.bench;

import org.vigil.ui.Dashboard;
import org.vigil.ui.LatencyProbe;

/**
 * What a dashboard soak samples besides the monitor's figures, over each interval: how busy the
 * Swing event thread was, how long an event waited for it, and frame-to-screen latency p99 (the
 * window's own {@link LatencyProbe}, as {@code bench ui} reads it).
 */
final class DashboardSoakProbe {
    /**
     * @param edtBusyPct  CPU time of the Swing event thread over the interval, % of one core (NaN if Swing replaced the thread)
     * @param edtLagMs    how long a no-op event waited to run at the sample
     * @param screenP99Ms frame handed to the dashboard to the tile having painted it, p99 over the interval
     */
    record Interval(double edtBusyPct, double edtLagMs, double screenP99Ms) {}

    private final Dashboard dashboard;
    private final SwingThreadCpu edt = new SwingThreadCpu();
    private SwingThreadCpu.Reading last;
    private long latencyMark;

    DashboardSoakProbe(Dashboard dashboard) throws InterruptedException {
        this.dashboard = dashboard;
        start();
    }

    /** Starts the first interval now. */
    void start() throws InterruptedException {
        last = edt.read();
        latencyMark = dashboard.latency().mark();
    }

    Interval next() throws InterruptedException {
        SwingThreadCpu.Reading now = edt.read();
        LatencyProbe probe = dashboard.latency();
        double p99 = probe.percentileMillisSince(latencyMark, 99);
        latencyMark = probe.mark();
        Interval i = new Interval(now.busyPercentSince(last), now.lagNanos() / 1e6, p99);
        last = now;
        return i;
    }
}
