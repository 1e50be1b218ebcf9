package org.vigil.nursecall;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that talks to the Alert Manager: takes the outbox head, sends it, waits for the
 * ACK, settles it, and only then moves on (so phases arrive in order). A transport failure keeps
 * the message at the head and retries with exponential back-off; an AE/AR answer settles it as
 * rejected and raises a technical alert. Owns the {@link MllpLink}.
 */
final class NurseCallSender implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(NurseCallSender.class);
    private final NurseCallConfig config;
    private final Outbox outbox;
    private final DeliveryProblems problems;
    private final Clock clock;
    private final MllpLink link;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition idle = lock.newCondition();
    /** Only stop() ends a back-off early: new alerts queue behind the head and must not hammer a dead link. */
    private final Condition stop = lock.newCondition();
    private boolean wake, stopping, empty;
    private Thread thread;

    NurseCallSender(NurseCallConfig config, Outbox outbox, DeliveryProblems problems, Clock clock) {
        this.config = config;
        this.outbox = outbox;
        this.problems = problems;
        this.clock = clock;
        this.link = new MllpLink(config);
    }

    void start() {
        thread = new Thread(this, "nursecall-sender");
        thread.setDaemon(true); // the shutdown hook drains; a daemon never holds the JVM open on its own
        thread.start();
    }

    /** Something was queued. */
    void wake() {
        lock.lock();
        try {
            wake = true;
            empty = false;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code drain} for the queue to empty, then stops the thread and closes the link. */
    void stop(Duration drain) {
        lock.lock();
        try {
            long left = drain.toNanos();
            while (!empty && left > 0) left = idle.awaitNanos(left);
            stopping = true;
            work.signalAll();
            stop.signalAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(config.ackTimeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        link.shutdown();
    }

    @Override
    public void run() {
        Duration backoff = config.retryFirst();
        while (!stopped()) {
            Optional<OutboxEntry> head;
            try {
                head = outbox.head();
            } catch (Exception e) {
                log.error("nurse-call outbox {} unreadable: {}", outbox.where(), e.getMessage());
                pause(config.retryMax());
                continue;
            }
            if (head.isEmpty()) {
                awaitWork();
                continue;
            }
            OutboxEntry e = head.get();
            try {
                Ack ack = link.send(e.hl7());
                backoff = config.retryFirst();
                settle(e, ack);
            } catch (IOException ex) {
                String why = ex.getMessage();
                log.warn("nurse call {}:{} did not take {} ({} {} of alert {}, attempt {}): {}; retry in {} s", config.host(), config.port(),
                        e.controlId(), e.kind(), e.phase().wire(), e.alertId(), e.attempts() + 1, why, backoff.toMillis() / 1000.0);
                try {
                    outbox.attemptFailed(e.seq(), why);
                } catch (Exception db) {
                    log.error("nurse-call outbox {}: {}", outbox.where(), db.getMessage());
                }
                Duration waited = Duration.between(e.queuedAt(), clock.instant());
                if (waited.compareTo(config.offlineAlertAfter()) >= 0) problems.offline(e, why);
                // Wake up in time to raise the offline alert even when the back-off is long.
                Duration untilOffline = config.offlineAlertAfter().minus(waited);
                pause(untilOffline.isNegative() || untilOffline.isZero() ? backoff : min(backoff, untilOffline));
                backoff = min(backoff.multipliedBy(2), config.retryMax());
            }
        }
    }

    private void settle(OutboxEntry e, Ack ack) {
        Instant now = clock.instant();
        try {
            outbox.settle(e.seq(), ack.accepted() ? Outbox.State.DELIVERED : Outbox.State.REJECTED, ack.code(), ack.text(), now);
        } catch (Exception db) {
            // Not settled on disk: after a restart it is sent again with the same control id (the receiver can tell).
            log.error("nurse-call outbox {}: cannot settle {}: {}", outbox.where(), e.controlId(), db.getMessage());
        }
        if (ack.accepted()) {
            log.debug("nurse call accepted {} ({} {} of alert {})", e.controlId(), e.kind(), e.phase().wire(), e.alertId());
            problems.delivered(e);
        } else {
            log.error("nurse call REJECTED {} ({} {} of alert {}): {} {}", e.controlId(), e.kind(), e.phase().wire(), e.alertId(),
                    ack.code(), ack.text());
            problems.rejected(e, ack);
        }
    }

    private boolean stopped() {
        lock.lock();
        try {
            return stopping;
        } finally {
            lock.unlock();
        }
    }

    private void awaitWork() {
        lock.lock();
        try {
            if (wake) {
                wake = false;
                return;
            }
            empty = true;
            idle.signalAll();
            // Polls now and then as well: a missed wake-up must not strand a message.
            if (!stopping) work.await(1, TimeUnit.SECONDS);
            wake = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void pause(Duration d) {
        lock.lock();
        try {
            long left = d.toNanos();
            while (!stopping && left > 0) left = stop.awaitNanos(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
