package org.vigil.train;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntFunction;

/**
 * Builds batches 0..count-1 on one background thread, at most {@code depth} ahead of the trainer
 * (bounded queue: memory stays at a few batches), so augmentation overlaps with sd.fit instead of
 * adding to it. Batches come out in order and are the same as building them inline, because each
 * batch's randomness is derived from its index, not from a shared generator.
 */
final class BatchPrefetcher<T> implements AutoCloseable {
    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private final int count;
    private int taken;

    BatchPrefetcher(int count, int depth, IntFunction<T> maker) {
        this.count = count;
        this.queue = new ArrayBlockingQueue<>(depth);
        this.worker = new Thread(() -> {
            try {
                for (int i = 0; i < count; i++) queue.put(produce(maker, i));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // closed early: stop quietly
            }
        }, "batch-prefetch");
        worker.setDaemon(true);
        worker.start();
    }

    private static Object produce(IntFunction<?> maker, int i) {
        try {
            return maker.apply(i);
        } catch (RuntimeException | Error e) {
            return new Failure(e); // rethrown on the training thread by next()
        }
    }

    private record Failure(Throwable cause) {}

    /** The next batch in order; blocks until it is ready. */
    @SuppressWarnings("unchecked")
    T next() {
        if (taken >= count) throw new IllegalStateException("all " + count + " batches taken");
        Object o;
        try {
            o = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        }
        taken++;
        if (o instanceof Failure f) {
            if (f.cause() instanceof RuntimeException r) throw r;
            throw (Error) f.cause();
        }
        return (T) o;
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
