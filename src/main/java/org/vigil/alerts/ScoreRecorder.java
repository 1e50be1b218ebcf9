package org.vigil.alerts;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what the rules engine sees into a {@link ScoreHistory}: at most one sample per bed per
 * {@code every} seconds of stream time, handed over a bounded queue to one writer thread
 * ({@code vigil-score-history}) that writes a batch every {@code flushEvery}. The caller (the decision
 * thread) never waits on the disk; when the queue is full a sample is dropped and counted.
 */
public final class ScoreRecorder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScoreRecorder.class);
    private static final int QUEUE = 10_000;

    private final ScoreHistory history;
    private final double every;
    private final long flushMillis;
    private final BlockingQueue<ScoreSample> queue = new ArrayBlockingQueue<>(QUEUE);
    /** Per bed, the stream time of the last kept sample. */
    private final Map<String, Double> lastKept = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    public ScoreRecorder(ScoreHistory history, double every, long flushMillis) {
        this.history = history;
        this.every = every;
        this.flushMillis = flushMillis;
        writer = new Thread(this::run, "vigil-score-history");
        writer.setDaemon(true);
        writer.start();
    }

    /** Keeps the sample unless the bed had one less than {@code every} seconds of stream time ago. Never blocks. */
    public void offer(String bed, Instant at, double t, String assessability, Map<String, Double> emotions) {
        Double last = lastKept.get(bed);
        // a stream that went back in time (restart, new file) starts afresh
        if (last != null && t >= last && t - last < every - 1e-6) return; // 1e-6: stream times are sums of frame steps
        lastKept.put(bed, t);
        if (!queue.offer(new ScoreSample(bed, at, t, assessability, emotions)) && dropped.incrementAndGet() == 1) {
            log.warn("score history {}: writer behind, samples dropped (suggestions replay fewer seconds)", history.file());
        }
    }

    public long dropped() {
        return dropped.get();
    }

    private void run() {
        List<ScoreSample> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                ScoreSample first = queue.poll(flushMillis, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch);
                }
            } catch (InterruptedException e) {
                running = false;
                queue.drainTo(batch);
            }
            write(batch);
            batch.clear();
            if (running) {
                try {
                    Thread.sleep(flushMillis); // batches: one transaction per interval, not per sample
                } catch (InterruptedException e) {
                    running = false;
                }
            }
        }
    }

    private void write(List<ScoreSample> batch) {
        if (batch.isEmpty()) return;
        try {
            history.append(batch);
        } catch (SQLException | RuntimeException e) {
            log.warn("score history {}: {} sample(s) not written: {}", history.file(), batch.size(), e.getMessage());
        }
    }

    /** Writes what is queued, stops the writer and closes the history. */
    @Override
    public void close() {
        running = false;
        writer.interrupt();
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        history.close();
    }
}
