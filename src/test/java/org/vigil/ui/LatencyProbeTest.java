package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The window records a latency on every paint for as long as it is open: the probe keeps only the most recent ones. */
class LatencyProbeTest {
    @Test
    void keepsTheMostRecentSamplesAndAnswersPerInterval() {
        LatencyProbe p = new LatencyProbe();
        assertThat(p.percentileMillis(99)).isNaN();
        for (int i = 0; i < LatencyProbe.KEPT; i++) p.record(1_000_000); // 1 ms
        long mark = p.mark();
        for (int i = 0; i < 100; i++) p.record(5_000_000); // 5 ms
        assertThat(p.percentileMillisSince(mark, 50)).as("only the interval since the mark").isEqualTo(5.0);
        assertThat(p.percentileMillisSince(p.mark(), 50)).as("nothing since now").isNaN();
        for (int i = 0; i < LatencyProbe.KEPT; i++) p.record(3_000_000); // 3 ms, pushing every older sample out
        assertThat(p.percentileMillis(100)).as("older samples are gone").isEqualTo(3.0);
        assertThat(p.percentileMillisSince(mark, 100)).as("a mark older than what is kept: the kept ones").isEqualTo(3.0);
        assertThat(p.count()).isEqualTo(2 * LatencyProbe.KEPT + 100);
        p.reset();
        assertThat(p.count()).isZero();
        assertThat(p.percentileMillis(50)).isNaN();
    }
}
