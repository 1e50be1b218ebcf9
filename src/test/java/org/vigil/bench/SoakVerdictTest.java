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
        return run(heapPerMin, threadLeak, i -> 90);
    }

    private static List<SoakSample> run(double heapPerMin, boolean threadLeak, java.util.function.IntUnaryOperator fds) {
        List<SoakSample> s = new ArrayList<>();
        for (int i = 1; i <= 180; i++) {
            double t = i * 10;
            boolean gc = i % 6 == 0;
            double heap = 100 + heapPerMin * t / 60 + (i % 2) * 0.3; // a little noise
            int threads = 20 + (threadLeak && t >= 1200 ? 1 : 0);
            s.add(new SoakSample(t, 900, heap + 40, gc ? heap : Double.NaN, 2, gc ? 2 : Double.NaN, 2, threads, fds.applyAsInt(i), 10,
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
        assertThat(v.line()).startsWith("VERDICT CHECK").contains("threads max 20 -> 21");
    }

    @Test
    void descriptorsThatRiseAndFallAreNotGrowthButARisingCeilingIs() {
        // A dashboard's descriptors move between 180 and 194 as clips reopen and the store's files come and go.
        SoakVerdict steady = SoakVerdict.of(run(0, false, i -> 180 + (i * 7) % 15), 600);
        assertThat(steady.fdGrowth()).isLessThanOrEqualTo(0);
        assertThat(steady.line()).startsWith("VERDICT PASS");
        SoakVerdict leak = SoakVerdict.of(run(0, false, i -> 180 + (i * 7) % 15 + i / 20), 600); // one more every 200 s
        assertThat(leak.fdGrowth()).isPositive();
        assertThat(leak.line()).startsWith("VERDICT CHECK");
    }

    @Test
    void aWrittenCsvIsJudgedAgainTheSame(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        List<SoakSample> run = run(0.5, true);
        java.nio.file.Path csv = dir.resolve("soak.csv");
        StringBuilder text = new StringBuilder(SoakSample.CSV_HEADER).append('\n');
        for (SoakSample x : run) text.append(x.csv()).append('\n');
        java.nio.file.Files.writeString(csv, text);
        assertThat(SoakVerdict.of(SoakSample.readCsv(csv), 600).line()).isEqualTo(SoakVerdict.of(run, 600).line());
        java.nio.file.Files.writeString(csv, text + "1900.0,oops\n");
        assertThatThrownBy(() -> SoakSample.readCsv(csv)).hasMessageContaining("soak.csv:182");
    }

    @Test
    void aRunNoLongerThanItsWarmUpCannotBeJudged() {
        assertThatThrownBy(() -> SoakVerdict.of(run(0, false), 1800)).hasMessageContaining("warm-up");
    }
}
