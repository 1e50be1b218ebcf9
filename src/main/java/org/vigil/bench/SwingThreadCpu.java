package org.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.atomic.AtomicLong;
import javax.swing.SwingUtilities;

/**
 * The Swing event thread's CPU time, for the dashboard benchmarks. The thread is asked for its id on
 * every read, because Swing starts a new one after an uncaught exception; the round trip of that
 * question is how long an event waits in the queue (the window's lag) at that moment.
 */
final class SwingThreadCpu {
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();

    /** @param cpuNanos CPU time of thread {@code threadId} so far; @param lagNanos invokeAndWait round trip */
    record Reading(long threadId, long cpuNanos, long lagNanos, long atNanos) {
        /** CPU share of one core between {@code earlier} and this reading, in %; NaN when the thread changed. */
        double busyPercentSince(Reading earlier) {
            if (earlier == null || earlier.threadId != threadId || atNanos <= earlier.atNanos) return Double.NaN;
            return 100.0 * (cpuNanos - earlier.cpuNanos) / (atNanos - earlier.atNanos);
        }
    }

    /** Must not be called on the event thread. */
    Reading read() throws InterruptedException {
        AtomicLong id = new AtomicLong();
        long t0 = System.nanoTime();
        try {
            SwingUtilities.invokeAndWait(() -> id.set(Thread.currentThread().getId()));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
        long t1 = System.nanoTime();
        return new Reading(id.get(), mx.getThreadCpuTime(id.get()), t1 - t0, t1);
    }
}
