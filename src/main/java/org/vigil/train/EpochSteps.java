package org.vigil.train;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The optimisation steps of one epoch: build batch b, sd.fit on it, now and then a GC. Shared by
 * the trainer and 'bench train' so the benchmark times exactly what training does. Keeps the time
 * spent waiting for batches, in sd.fit and in System.gc() (the where-does-a-step-go breakdown).
 */
public final class EpochSteps {
    /**
     * @param prefetch build the next batch on a background thread while sd.fit runs
     * @param gcEvery  System.gc() after every gcEvery-th batch (0: never). SameDiff leaves each
     *                 step's activations to the garbage collector and the Java heap barely grows
     *                 while native memory does: without it, RSS reached 24 GB in one epoch.
     */
    public record Settings(boolean prefetch, int gcEvery) {
        /** Prefetching measured no gain here (building a batch takes 2-13 ms of a 1.5-12 s step): off. */
        public static final Settings DEFAULT = new Settings(false, 10);
    }

    /** Seconds spent in each part of the steps run so far. */
    public static final class Times {
        public double batchWait, fit, gc;
        public int steps;

        public double total() {
            return batchWait + fit + gc;
        }
    }

    private final BatchMaker maker;
    private final int batchSize;
    private final Settings settings;
    private final Times times = new Times();

    EpochSteps(BatchMaker maker, int batchSize, Settings settings) {
        this.maker = maker;
        this.batchSize = batchSize;
        this.settings = settings;
    }

    public Times times() {
        return times;
    }

    /** The augmentation randomness of batch b of an epoch: a function of (seed, epoch, b) only. */
    static SplittableRandom batchRandom(long seed, int epoch, int b) {
        return new SplittableRandom(seed * 1_000_003L + epoch * 10_007L + b);
    }

    /**
     * Runs {@code steps} steps over {@code order} (batch b = order[b*batchSize ..]). {@code afterStep}
     * gets the number of steps done (for a progress bar).
     */
    public void run(SameDiff sd, int[] order, long seed, int epoch, int steps, IntConsumer afterStep) {
        BatchPrefetcher<BatchMaker.Batch> ahead = settings.prefetch()
                ? new BatchPrefetcher<>(steps, 2, b -> maker.make(order, b * batchSize, batchSize, batchRandom(seed, epoch, b)))
                : null;
        try {
            for (int b = 0; b < steps; b++) {
                long t0 = System.nanoTime();
                BatchMaker.Batch batch = ahead != null ? ahead.next()
                        : maker.make(order, b * batchSize, batchSize, batchRandom(seed, epoch, b));
                long t1 = System.nanoTime();
                sd.fit(batch.toDataSet());
                long t2 = System.nanoTime();
                if (settings.gcEvery() > 0 && b % settings.gcEvery() == 0) System.gc();
                long t3 = System.nanoTime();
                times.batchWait += (t1 - t0) / 1e9;
                times.fit += (t2 - t1) / 1e9;
                times.gc += (t3 - t2) / 1e9;
                times.steps++;
                afterStep.accept(b + 1);
            }
        } finally {
            if (ahead != null) ahead.close();
        }
    }
}
