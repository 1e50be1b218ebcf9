package org.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The turns and the arithmetic, on a clock the test owns (no wall-clock timing). */
class InterleavedRoundsTest {
    /** A clock that each task moves on by its own cost; "slow" gets slower in later rounds (a drifting machine). */
    private final AtomicLong now = new AtomicLong();
    private final List<String> order = new ArrayList<>();

    @Test
    void tasksTakeTurnsInEveryRoundAndEachGetsItsOwnMedianAndRoundMedians() {
        int[] slowCalls = {0};
        InterleavedRounds timer = new InterleavedRounds(now::get)
                .add("fast", () -> { order.add("fast"); now.addAndGet(2_000_000); })
                .add("slow", () -> {
                    order.add("slow");
                    int round = Math.max(0, slowCalls[0]++ - 1) / 3; // after 1 warm-up call, 3 calls a round
                    now.addAndGet(5_000_000 + round * 1_000_000L);
                });
        List<InterleavedRounds.Result> r = timer.run(1, 3, 3);

        assertThat(order).containsExactly("fast", "slow",                // warm-up
                "fast", "fast", "fast", "slow", "slow", "slow",           // round 1
                "fast", "fast", "fast", "slow", "slow", "slow",           // round 2
                "fast", "fast", "fast", "slow", "slow", "slow");          // round 3
        InterleavedRounds.Result fast = r.get(0), slow = r.get(1);
        assertThat(fast.name()).isEqualTo("fast");
        assertThat(fast.calls()).isEqualTo(9);
        assertThat(fast.medianMs()).isEqualTo(2.0);
        assertThat(fast.roundMediansMs()).containsExactly(2.0, 2.0, 2.0);
        assertThat(slow.roundMediansMs()).containsExactly(5.0, 6.0, 7.0);
        assertThat(slow.medianMs()).isEqualTo(6.0);
        assertThat(slow.fastestRoundMs()).isEqualTo(5.0);
        assertThat(slow.slowestRoundMs()).isEqualTo(7.0);
        assertThat(slow.p99Ms()).isEqualTo(7.0);
    }

    @Test
    void theHookRunsOnceBetweenTheWarmUpAndTheFirstTimedCall() {
        java.util.List<String> log = new java.util.ArrayList<>();
        InterleavedRounds timer = new InterleavedRounds(now::get)
                .add("a", () -> log.add("a")).add("b", () -> log.add("b"));
        timer.run(2, 1, 1, () -> log.add("gc"));
        assertThat(log).containsExactly("a", "a", "b", "b", "gc", "a", "b");
    }

    @Test
    void medianAndPercentileOfKnownValues() {
        assertThat(InterleavedRounds.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(InterleavedRounds.median(new double[] {9, 1, 5})).isEqualTo(5);
        double[] hundred = new double[100];
        for (int i = 0; i < 100; i++) hundred[i] = 100 - i; // 100 .. 1
        assertThat(InterleavedRounds.percentile(hundred, 0.99)).isEqualTo(99);
        assertThat(InterleavedRounds.percentile(hundred, 1.0)).isEqualTo(100);
    }

    @Test
    void aTaskAddedTwiceOrNoRoundsIsRefused() {
        InterleavedRounds timer = new InterleavedRounds(now::get).add("a", () -> {});
        assertThatThrownBy(() -> timer.add("a", () -> {})).hasMessageContaining("'a' added twice");
        assertThatThrownBy(() -> timer.run(0, 0, 1)).hasMessageContaining("at least 1");
    }
}
