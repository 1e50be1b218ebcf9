package org.vigil.pipeline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.vigil.base.NearestRank;

/**
 * Counters and timings of a pipeline run, updated from all its threads: frames, faces, alerts,
 * time per stage, and frame-to-decision latency (frame decoded -> status/alert decided).
 */
public final class PipelineStats {
    /** Stages in pipeline order; "classify" is per batch, shared by all beds. */
    public static final String[] STAGES = {"decode", "detect", "track", "crop", "classify", "decide"};

    private final Map<String, LongAdder> stageNanos = new LinkedHashMap<>();
    private final Map<String, LongAdder> stageCount = new LinkedHashMap<>();
    private final Map<String, BedCounters> beds = new ConcurrentHashMap<>();
    private final long[] latency = new long[200_000];
    private final AtomicLong latencyN = new AtomicLong();
    // The most recent decision latencies (a ring), for percentiles over a window of a long run
    // after the fixed array above is full.
    private final long[] recentLatency = new long[16_384];
    private final long[] frameLatency = new long[200_000];
    private final AtomicLong frameLatencyN = new AtomicLong();
    private final LongAdder batches = new LongAdder();
    private final LongAdder batchedFaces = new LongAdder();
    private final long startNanos = System.nanoTime();
    private volatile long endNanos = -1;

    public static final class BedCounters {
        public final LongAdder frames = new LongAdder();
        public final LongAdder faces = new LongAdder();
        public final LongAdder patientFrames = new LongAdder();
        public final LongAdder classified = new LongAdder();
        /** Distress alerts raised. */
        public final LongAdder alerts = new LongAdder();
        /** Technical alerts raised (camera offline, face not visible, model failure). */
        public final LongAdder technicalAlerts = new LongAdder();
        /** Frames the source replaced before this bed read them (live sources), counted as they happen. */
        public final LongAdder dropped = new LongAdder();
        volatile double lastT;
        volatile long firstFrameNanos = -1;
        volatile long lastFrameNanos = -1;

        public double lastT() {
            return lastT;
        }

        /** Frames per wall-clock second between this bed's first and last frame. */
        public double fps() {
            long f = frames.sum();
            if (f < 2 || firstFrameNanos < 0) return 0;
            return (f - 1) / ((lastFrameNanos - firstFrameNanos) / 1e9);
        }
    }

    public PipelineStats() {
        for (String s : STAGES) {
            stageNanos.put(s, new LongAdder());
            stageCount.put(s, new LongAdder());
        }
    }

    public BedCounters bed(String bed) {
        return beds.computeIfAbsent(bed, b -> new BedCounters());
    }

    public Map<String, BedCounters> beds() {
        return Map.copyOf(beds);
    }

    void frame(String bed, double t, long nanosNow) {
        BedCounters c = bed(bed);
        c.frames.increment();
        c.lastT = t;
        if (c.firstFrameNanos < 0) c.firstFrameNanos = nanosNow;
        c.lastFrameNanos = nanosNow;
    }

    void stage(String stage, long nanos) {
        stageNanos.get(stage).add(nanos);
        stageCount.get(stage).increment();
    }

    void batch(int faces) {
        batches.increment();
        batchedFaces.add(faces);
    }

    void latency(long nanos) {
        long i = latencyN.getAndIncrement();
        if (i < latency.length) latency[(int) i] = nanos;
        recentLatency[(int) (i % recentLatency.length)] = nanos;
    }

    /** Frame decoded -> faces detected, tracked and the patient chosen (every frame). */
    void frameLatency(long nanos) {
        long i = frameLatencyN.getAndIncrement();
        if (i < frameLatency.length) frameLatency[(int) i] = nanos;
    }

    public double frameLatencyMillis(double q) {
        return percentile(frameLatency, (int) Math.min(frameLatencyN.get(), frameLatency.length), q);
    }

    private static double percentile(long[] data, int n, double q) {
        if (n == 0) return Double.NaN;
        long[] copy = Arrays.copyOf(data, n);
        Arrays.sort(copy);
        return copy[NearestRank.index(n, q)] / 1e6;
    }

    void finish() {
        if (endNanos < 0) endNanos = System.nanoTime();
    }

    public double wallSeconds() {
        return ((endNanos < 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9;
    }

    public long totalFrames() {
        return beds.values().stream().mapToLong(b -> b.frames.sum()).sum();
    }

    public long totalFaces() {
        return beds.values().stream().mapToLong(b -> b.faces.sum()).sum();
    }

    public long totalAlerts() {
        return beds.values().stream().mapToLong(b -> b.alerts.sum()).sum();
    }

    public long totalClassified() {
        return beds.values().stream().mapToLong(b -> b.classified.sum()).sum();
    }

    /** Mean milliseconds per call of each stage (classify: per batch). */
    public Map<String, Double> stageMillis() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String s : STAGES) {
            long n = stageCount.get(s).sum();
            m.put(s, n == 0 ? 0.0 : stageNanos.get(s).sum() / 1e6 / n);
        }
        return m;
    }

    /** Total CPU-thread milliseconds spent in each stage. */
    public Map<String, Double> stageTotalMillis() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String s : STAGES) m.put(s, stageNanos.get(s).sum() / 1e6);
        return m;
    }

    public double meanBatchSize() {
        long b = batches.sum();
        return b == 0 ? 0 : batchedFaces.sum() / (double) b;
    }

    /**
     * Frame-to-decision latency percentile in milliseconds (q in 0..1): frame decoded -> status
     * (and alerts) published for it, on classification ticks. NaN when nothing was measured.
     */
    public double latencyMillis(double q) {
        return percentile(latency, (int) Math.min(latencyN.get(), latency.length), q);
    }

    /** How many decision latencies were measured so far (a mark for {@link #latencyMillisSince}). */
    public long latencyCount() {
        return latencyN.get();
    }

    /**
     * Decision latency percentile (ms) over the samples measured since {@code mark} (an earlier
     * {@link #latencyCount()}), at most the last 16,384 of them; NaN when there are none.
     */
    public double latencyMillisSince(long mark, double q) {
        long n = latencyN.get();
        long from = Math.max(mark, n - recentLatency.length);
        if (n <= from) return Double.NaN;
        long[] w = new long[(int) (n - from)];
        for (long i = from; i < n; i++) w[(int) (i - from)] = recentLatency[(int) (i % recentLatency.length)];
        return percentile(w, w.length, q);
    }

    public long latencySamples() {
        return Math.min(latencyN.get(), latency.length);
    }
}
