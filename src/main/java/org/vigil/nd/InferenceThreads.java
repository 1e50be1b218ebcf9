package org.vigil.nd;

import java.util.function.Supplier;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many OpenMP threads one inference call uses. A small batch (the ward's usual one to eight
 * faces) runs on one thread: splitting a 48x48 face over two cores costs more in hand-offs than it
 * saves, and while one thread waits for the other to be scheduled the call's p99 grows to ~100 ms
 * (docs/benchmarks.md, "Emotion model"). Large batches (evaluation, validation) use every core.
 * The setting is restored afterwards so a training loop on the same thread keeps its threads.
 */
public final class InferenceThreads {
    /** Batches below this size run single-threaded. */
    public static final int SMALL_BATCH = 32;
    /** -Dvigil.inference.threads=N forces N threads for every call (0 or unset: by batch size). */
    public static final String PROPERTY = "vigil.inference.threads";

    private InferenceThreads() {}

    public static int threadsFor(int batch) {
        int forced = Integer.getInteger(PROPERTY, 0);
        if (forced > 0) return forced;
        return batch < SMALL_BATCH ? 1 : Runtime.getRuntime().availableProcessors();
    }

    public static <T> T run(int batch, Supplier<T> call) {
        NativeOps ops;
        int previous;
        try {
            ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
            previous = ops.ompGetMaxThreads();
        } catch (RuntimeException | LinkageError e) {
            return call.get(); // a backend without OpenMP control: leave it to its defaults
        }
        int wanted = threadsFor(batch);
        if (wanted == previous) return call.get();
        ops.setOmpNumThreads(wanted);
        try {
            return call.get();
        } finally {
            ops.setOmpNumThreads(previous);
        }
    }
}
