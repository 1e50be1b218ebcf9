package org.vigil.bench;

import org.vigil.pipeline.PipelineStats;

/** What a soak runs and samples: the monitor, or the dashboard on the same pipeline. */
interface SoakSubject extends AutoCloseable {
    /** The running pipeline's counters (new ones if it was restarted); null until it runs. */
    PipelineStats stats();

    /** The first interval starts now. */
    default void begin() throws InterruptedException {}

    /** The dashboard's figures over the interval since the previous call; null for the monitor. */
    default DashboardSoakProbe.Interval ui() throws InterruptedException {
        return null;
    }

    @Override
    void close() throws Exception;
}
