package org.vigil.capture;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hand-off of frames between a capture thread and a processing thread, holding one frame.
 * Live sources use latest-frame-wins: a new frame replaces (and releases) an unread one, so a slow
 * stage never builds up latency. Batch analysis of files uses blocking mode instead: the capture
 * thread waits, so every frame is analysed.
 */
public final class FrameSlot {
    private final boolean dropOld;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicLong dropped = new AtomicLong();
    private final LongAdder alsoCountedIn;
    private Frame frame;
    private boolean closed;

    public FrameSlot(boolean dropOld) {
        this(dropOld, new LongAdder());
    }

    /**
     * @param alsoCountedIn each drop is also added here as it happens (a bed's running total that
     *                      other threads read while the slot is in use, e.g. a soak's samples)
     */
    public FrameSlot(boolean dropOld, LongAdder alsoCountedIn) {
        this.dropOld = dropOld;
        this.alsoCountedIn = alsoCountedIn;
    }

    /** @return false when the slot was closed (the consumer stopped) */
    public boolean put(Frame f) throws InterruptedException {
        lock.lock();
        try {
            if (!dropOld) {
                while (frame != null && !closed) changed.await();
            }
            if (closed) {
                f.release();
                return false;
            }
            if (frame != null) {
                frame.release();
                dropped.incrementAndGet();
                alsoCountedIn.increment();
            }
            frame = f;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The waiting frame, or null after the timeout; null at once when closed and empty. */
    public Frame take(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (frame == null) {
                if (closed || nanos <= 0) return null;
                nanos = changed.awaitNanos(nanos);
            }
            Frame f = frame;
            frame = null;
            changed.signalAll();
            return f;
        } finally {
            lock.unlock();
        }
    }

    /** No more frames will come: wakes both sides; the consumer still gets an unread frame. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The consumer stopped: closes the slot and frees an unread frame. */
    public void discard() {
        lock.lock();
        try {
            closed = true;
            if (frame != null) {
                frame.release();
                frame = null;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Frames replaced before the consumer read them. */
    public long dropped() {
        return dropped.get();
    }
}
