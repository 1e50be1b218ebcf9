package org.vigil.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.vigil.base.NearestRank;

/**
 * Times several tasks in turns, A B C A B C ..., so that a machine that speeds up or slows down
 * during the run (a shared VM's neighbours, a job starting) touches every task alike and none is
 * favoured by its place in the order. On this project's VM one model's median moved by a fifth or more
 * between runs minutes apart (docs/benchmarks.md, "Emotion model"); the spread of the rounds' medians shows how much.
 */
public final class InterleavedRounds {
    /** One task's figures: the median and p99 over all its timed calls, and each round's median. */
    public record Result(String name, double medianMs, double p99Ms, double[] roundMediansMs, int calls) {
        public double fastestRoundMs() {
            return Arrays.stream(roundMediansMs).min().orElse(Double.NaN);
        }

        public double slowestRoundMs() {
            return Arrays.stream(roundMediansMs).max().orElse(Double.NaN);
        }
    }

    private final LongSupplier nanoClock;
    private final Map<String, Runnable> tasks = new LinkedHashMap<>();

    public InterleavedRounds() {
        this(System::nanoTime);
    }

    /** @param nanoClock the clock calls are timed with (a test's own, to check the arithmetic) */
    InterleavedRounds(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Adds a task: one call of {@code call} is one timed sample. */
    public InterleavedRounds add(String name, Runnable call) {
        if (tasks.putIfAbsent(name, call) != null) throw new IllegalArgumentException("task '" + name + "' added twice");
        return this;
    }

    /**
     * Warms every task up ({@code warmup} untimed calls each, in order), then runs {@code rounds}
     * rounds in which each task in turn makes {@code callsPerRound} timed calls.
     */
    public List<Result> run(int warmup, int rounds, int callsPerRound) {
        return run(warmup, rounds, callsPerRound, () -> { });
    }

    /** As {@link #run(int, int, int)}, with {@code afterWarmup} run once between the warm-up and the timed rounds. */
    public List<Result> run(int warmup, int rounds, int callsPerRound, Runnable afterWarmup) {
        if (rounds < 1 || callsPerRound < 1) throw new IllegalArgumentException("rounds and calls per round must be at least 1");
        for (Runnable call : tasks.values()) for (int i = 0; i < warmup; i++) call.run();
        afterWarmup.run();
        Map<String, double[]> all = new LinkedHashMap<>();
        Map<String, double[]> roundMedians = new LinkedHashMap<>();
        for (String name : tasks.keySet()) {
            all.put(name, new double[rounds * callsPerRound]);
            roundMedians.put(name, new double[rounds]);
        }
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Runnable> task : tasks.entrySet()) {
                double[] round = new double[callsPerRound];
                for (int i = 0; i < callsPerRound; i++) {
                    long t = nanoClock.getAsLong();
                    task.getValue().run();
                    round[i] = (nanoClock.getAsLong() - t) / 1e6;
                }
                System.arraycopy(round, 0, all.get(task.getKey()), r * callsPerRound, callsPerRound);
                roundMedians.get(task.getKey())[r] = median(round);
            }
        }
        List<Result> results = new ArrayList<>();
        for (String name : tasks.keySet()) {
            double[] ms = all.get(name);
            results.add(new Result(name, median(ms), percentile(ms, 0.99), roundMedians.get(name), ms.length));
        }
        return results;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Nearest-rank percentile, {@code q} in (0, 1]. */
    static double percentile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[NearestRank.index(s.length, q)];
    }
}
