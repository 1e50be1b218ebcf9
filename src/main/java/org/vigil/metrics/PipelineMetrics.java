package org.vigil.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertTransition;
import org.vigil.capture.SourceState;
import org.vigil.pipeline.BatchTiming;
import org.vigil.pipeline.DecisionTiming;
import org.vigil.pipeline.FrameTiming;
import org.vigil.pipeline.PipelineListener;

/**
 * The pipeline's meters, fed by its listener events: per bed frames, fps, dropped frames, frame
 * processing time, decision latency, frame-to-alert latency and the source's state; for all beds the
 * emotion model's batch time. Bed ids are the only labels: no emotion scores or other patient data.
 * One instance can listen to successive pipelines (the dashboard restarts its pipeline).
 */
final class PipelineMetrics implements PipelineListener {
    /** Window of the fps gauge. */
    static final long FPS_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final MeterRegistry registry;
    private final Map<String, Bed> beds = new ConcurrentHashMap<>();
    private final Timer inference;
    private final DistributionSummary batchFaces;
    private final Counter inferenceFailures;

    PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        inference = Timer.builder("vigil.inference")
                .description("Emotion model call on one batch of face crops (all beds together)")
                .serviceLevelObjectives(ms(1), ms(2), ms(5), ms(10), ms(20), ms(50), ms(100), ms(200), ms(500), ms(1000))
                .register(registry);
        batchFaces = DistributionSummary.builder("vigil.inference.batch.faces")
                .description("Face crops per emotion model call")
                .baseUnit("faces")
                .register(registry);
        inferenceFailures = Counter.builder("vigil.inference.failures")
                .description("Emotion model calls that threw or returned unusable scores")
                .register(registry);
    }

    private static Duration ms(long v) {
        return Duration.ofMillis(v);
    }

    /** The meters of one bed, registered on its first event. */
    private final class Bed {
        final Counter frames;
        final Counter faces;
        final Counter dropped;
        final Timer processing;
        final Timer decision;
        final RecentRate rate = new RecentRate(FPS_WINDOW_NANOS);
        volatile SourceState source;
        long lastDropped; // bed thread only

        Bed(String bed) {
            frames = Counter.builder("vigil.frames").description("Frames analysed (detected and tracked)")
                    .tag("bed", bed).register(registry);
            faces = Counter.builder("vigil.faces").description("Faces found in analysed frames")
                    .tag("bed", bed).register(registry);
            dropped = Counter.builder("vigil.frames.dropped")
                    .description("Frames of a live source replaced before analysis could read them (analysis slower than the camera)")
                    .tag("bed", bed).register(registry);
            Gauge.builder("vigil.bed.fps", rate, r -> r.perSecond(System.nanoTime()))
                    .description("Frames analysed per second over the last " + TimeUnit.NANOSECONDS.toSeconds(FPS_WINDOW_NANOS)
                            + " s (0 when none came for twice that)")
                    .tag("bed", bed).register(registry);
            processing = Timer.builder("vigil.frame.processing")
                    .description("Frame decoded -> faces detected, tracked and the patient chosen")
                    .serviceLevelObjectives(ms(5), ms(10), ms(20), ms(50), ms(100), ms(200), ms(500), ms(1000))
                    .tag("bed", bed).register(registry);
            decision = Timer.builder("vigil.decision.latency")
                    .description("Frame decoded -> its classification, rules and status published")
                    .serviceLevelObjectives(ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000), ms(2500), ms(5000))
                    .tag("bed", bed).register(registry);
            for (SourceState s : SourceState.values()) {
                Gauge.builder("vigil.source.state", this, b -> b.source == s ? 1 : 0)
                        .description("1 for the bed's current source state (connecting, running, reconnecting, offline, ended), else 0")
                        .tags("bed", bed, "state", s.wire()).register(registry);
            }
        }
    }

    private Bed bed(String bed) {
        return beds.computeIfAbsent(bed, Bed::new);
    }

    @Override
    public void onFrameTiming(FrameTiming f) {
        Bed b = bed(f.bed());
        b.frames.increment();
        b.faces.increment(f.faces());
        b.processing.record(f.processingNanos(), TimeUnit.NANOSECONDS);
        b.rate.tick(System.nanoTime());
        // A restarted pipeline starts a new frame slot, counting from 0 again.
        long delta = f.droppedFrames() >= b.lastDropped ? f.droppedFrames() - b.lastDropped : f.droppedFrames();
        if (delta > 0) b.dropped.increment(delta);
        b.lastDropped = f.droppedFrames();
    }

    @Override
    public void onBatchTiming(BatchTiming t) {
        inference.record(t.nanos(), TimeUnit.NANOSECONDS);
        batchFaces.record(t.faces());
        if (t.failed()) inferenceFailures.increment();
    }

    @Override
    public void onDecisionTiming(DecisionTiming d) {
        bed(d.bed()).decision.record(d.latencyNanos(), TimeUnit.NANOSECONDS);
        for (AlertEvent e : d.alerts()) {
            if (e.transition() != AlertTransition.RAISED) continue;
            Timer.builder("vigil.frame.to.alert")
                    .description("Frame decoded -> the alert it raised published (alerts raised by a frame's decision)")
                    .serviceLevelObjectives(ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000), ms(2500), ms(5000))
                    .tags("bed", e.bed(), "kind", e.kind().wire())
                    .register(registry)
                    .record(d.latencyNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void onSourceState(String bed, SourceState state, String detail) {
        bed(bed).source = state;
    }
}
