package org.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakVerdictTest {

    /** Samples every 10 s for 30 min; heap grows {@code heapPerMin} MB a minute, threads jump by one at 20 min. */
    private static List<SoakSample> run(double heapPerMin, boolean threadLeak) {
        List<SoakSample> s = new ArrayList<>();
        for (int i = 1; i <= 180; i++) {
            double t = i * 10;
            boolean gc = i % 6 == 0;
            double heap = 100 + heapPerMin * t / 60 + (i % 2) * 0.3; // a little noise
            int threads = 20 + (threadLeak && t >= 1200 ? 1 : 0);
            s.add(new SoakSample(t, 900, heap + 40, gc ? heap : Double.NaN, 2, gc ? 2 : Double.NaN, 2, threads, 90, 10,
                    0, 200, 5, 0, 1));
        }
        return s;
    }

    @Test
    void aSteadyRunPassesWithAFlatSlope() {
        SoakVerdict v = SoakVerdict.of(run(0, false), 600);
        assertThat(v.heapSlope()).isCloseTo(0, within(0.5));
        assertThat(v.offHeapSlope()).isCloseTo(0, within(1e-9));
        assertThat(v.memoryWithinAim()).isTrue();
        assertThat(v.threadGrowth()).isZero();
        assertThat(v.line()).startsWith("VERDICT PASS").contains("heap after GC +0.");
        assertThat(v.measuredFromS()).isEqualTo(600);
    }

    @Test
    void aLeakShowsAsItsSlopePerTenMinutes() {
        SoakVerdict v = SoakVerdict.of(run(0.5, false), 600); // 0.5 MB a minute = 5 MB per 10 minutes
        assertThat(v.heapSlope()).isCloseTo(5, within(0.2));
        assertThat(v.memoryWithinAim()).isFalse();
        assertThat(v.line()).startsWith("VERDICT CHECK");
    }

    @Test
    void aThreadThatNeverEndsIsGrowth() {
        SoakVerdict v = SoakVerdict.of(run(0, true), 600);
        assertThat(v.threadGrowth()).isEqualTo(1);
        assertThat(v.line()).startsWith("VERDICT CHECK").contains("threads 20 -> max 21");
    }

    @Test
    void aRunNoLongerThanItsWarmUpCannotBeJudged() {
        assertThatThrownBy(() -> SoakVerdict.of(run(0, false), 1800)).hasMessageContaining("warm-up");
    }
}
