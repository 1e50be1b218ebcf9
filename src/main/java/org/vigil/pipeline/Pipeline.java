package org.vigil.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.capture.CaptureThread;
import org.vigil.capture.FrameSlot;
import org.vigil.capture.SourceSpec;
import org.vigil.capture.SourceState;
import org.vigil.classify.EmotionModel;
import org.vigil.detect.FaceCrop;
import org.vigil.detect.FaceDetector;
import org.vigil.detect.FaceDetectors;
import org.vigil.rules.RuleEngine;
import org.vigil.track.PatientSelector;

/**
 * Vigil's real-time monitoring pipeline: camera frames in, status and alerts out.
 *
 * <pre>
 *  per bed:  [capture thread] --FrameSlot (latest wins)--> [bed thread: detect, track, pick patient, crop]
 *  all beds:                                  --ticks--> [decision thread: batch classify, smooth, rules] --> listeners
 * </pre>
 * Detection and tracking run on every frame; classification at {@code classifyFps} per bed.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final PipelineConfig config;
    private final EmotionModel model;
    private final PipelineStats stats = new PipelineStats();
    private final Listeners listeners = new Listeners();
    private final DecisionStage decisions;
    private final List<CaptureThread> captures = new ArrayList<>();
    private final List<BedWorker> workers = new ArrayList<>();
    private final List<Thread> bedThreads = new ArrayList<>();
    private Thread decisionThread;
    private boolean started;

    /** @param model null for a preview: video, faces and the patient's box, no emotions and no decisions */
    public Pipeline(PipelineConfig config, EmotionModel model, RuleEngine rules) {
        this.config = config;
        this.model = model;
        this.decisions = model == null ? null : new DecisionStage(model, rules, config, stats, listeners);
    }

    /** The same capture, detection and patient choice as monitoring, without a model: what the dashboard shows when none is loaded. */
    public static Pipeline preview(PipelineConfig config) {
        return new Pipeline(config, null, null);
    }

    public Pipeline addListener(PipelineListener l) {
        return addListener(l, false);
    }

    /** @param wantsFrames the listener shows live video: frame snapshots are made for it */
    public Pipeline addListener(PipelineListener l, boolean wantsFrames) {
        listeners.add(l, wantsFrames);
        return this;
    }

    public PipelineStats stats() {
        return stats;
    }

    public PipelineConfig config() {
        return config;
    }

    /** Opens every detector first (a bad model path fails here, before any thread starts). */
    public synchronized void start() {
        if (started) throw new IllegalStateException("already started");
        started = true;
        FaceCrop crop = model == null ? null : FaceCrop.forModel(model.metadata());
        List<FaceDetector> detectors = new ArrayList<>();
        try {
            for (int i = 0; i < config.sources().size(); i++) {
                DetectionSettings d = config.detection();
                detectors.add(d.detectMaxSide() < 0
                        ? FaceDetectors.createForMinFace(d.detector(), d.yunetModel(), d.minFacePx())
                        : FaceDetectors.create(d.detector(), d.yunetModel(), d.detectMaxSide()));
            }
        } catch (RuntimeException e) {
            detectors.forEach(FaceDetector::close);
            throw e;
        }
        // Each bed already has its own thread: OpenCV's internal worker pool on top of that only
        // oversubscribes the cores, so it gets the cores per bed (all of them for one bed).
        int cores = Runtime.getRuntime().availableProcessors();
        org.bytedeco.opencv.global.opencv_core.setNumThreads(Math.max(1, cores / config.sources().size()));
        if (decisions != null) {
            decisionThread = new Thread(decisions, "vigil-decide");
            decisionThread.setDaemon(true);
            decisionThread.start();
        }
        for (int i = 0; i < config.sources().size(); i++) {
            SourceSpec src = config.sources().get(i);
            // Files analysed as fast as possible must not skip frames; live sources must not lag.
            FrameSlot slot = new FrameSlot(config.capture().realtime() || src.kind() != SourceSpec.Kind.FILE,
                    stats.bed(src.bed()).dropped);
            CaptureThread cap = new CaptureThread(src, config.capture(), slot, this::onSourceState);
            PatientSelector selector = new PatientSelector(config.detection().regions().get(src.bed()), config.detection().steadyS());
            BedWorker w = new BedWorker(src.bed(), slot, detectors.get(i), selector, crop, config, stats,
                    decisions == null ? tick -> { } : decisions::submit, listeners);
            captures.add(cap);
            workers.add(w);
            Thread ct = new Thread(cap, "vigil-capture-" + src.bed());
            Thread wt = new Thread(w, "vigil-bed-" + src.bed());
            ct.setDaemon(true);
            wt.setDaemon(true);
            bedThreads.add(ct);
            bedThreads.add(wt);
            stats.bed(src.bed());
            ct.start();
            wt.start();
        }
        if (model == null) {
            log.info("preview of {} bed(s): detector {}, no emotion model", config.sources().size(), config.detection().detector());
        } else {
            log.info("monitoring {} bed(s): detector {}, model {} ({}x{}), classify {} fps, {}",
                    config.sources().size(), config.detection().detector(), model.metadata().name(), model.metadata().inputWidth(),
                    model.metadata().inputHeight(), config.decision().classifyFps(), config.capture().realtime() ? "real time" : "as fast as possible");
        }
    }

    private void onSourceState(SourceSpec src, SourceState state, String detail) {
        if (decisions == null) {
            listeners.source(src.bed(), state, state == SourceState.RUNNING ? detail + " (video only: no emotion model)" : detail);
            return;
        }
        // Through the decision thread, so technical lines keep their order with status lines.
        decisions.submit(new Tick.Source(src.bed(), stats.bed(src.bed()).lastT(), state, detail));
    }

    /**
     * Waits until every source has ended (files) or given up, then lets the decision thread finish.
     * @return false on timeout (sources still running)
     */
    public boolean awaitSources(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        for (Thread t : bedThreads) {
            long left = end - System.nanoTime();
            if (left <= 0) return false;
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            if (t.isAlive()) return false;
        }
        finishDecisions();
        return true;
    }

    private void finishDecisions() throws InterruptedException {
        if (decisions == null) {
            stats.finish();
            return;
        }
        decisions.drainAndStop();
        if (decisionThread != null) decisionThread.join(10_000);
        stats.finish();
    }

    /** Stops capture and processing (live sources run until this is called). */
    @Override
    public void close() {
        captures.forEach(CaptureThread::stop);
        workers.forEach(BedWorker::stop);
        try {
            for (Thread t : bedThreads) t.join(5_000);
            finishDecisions();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (droppedTicks() > 0) {
            log.warn("{} classification ticks were dropped because the decision thread fell behind", decisions.droppedTicks());
        }
    }

    public long droppedTicks() {
        return decisions == null ? 0 : decisions.droppedTicks();
    }
}
