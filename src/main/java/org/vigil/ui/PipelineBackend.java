package org.vigil.ui;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alerts.AlertManager;
import org.vigil.app.Settings;
import org.vigil.app.Vigil;
import org.vigil.base.Defaults;
import org.vigil.capture.SourceSpec;
import org.vigil.classify.EmotionModel;
import org.vigil.pipeline.Pipeline;
import org.vigil.pipeline.PipelineConfig;
import org.vigil.pipeline.PipelineListener;
import org.vigil.rules.AlarmEngine;
import org.vigil.rules.RuleEngine;
import org.vigil.rules.RuleSet;
import org.vigil.track.BedRegion;

/**
 * The real monitoring pipeline behind the dashboard: detection, tracking, classification, smoothing
 * and the alarm rules, with acknowledge/resolve going to the same {@link AlertManager}. The pipeline
 * takes its sources at start, so switching a bed's source restarts it with the new set; that runs
 * on a control thread, never on the EDT. Alerts and rule state survive the restart.
 */
public final class PipelineBackend implements MonitorBackend, AlertActions {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineBackend.class);

    private final EmotionModel model;
    private final RuleEngine engine;
    private final AlertManager alerts;
    private final Map<String, BedRegion> regions;
    private final boolean loopFiles;
    private final Map<String, SourceSpec> sources = new LinkedHashMap<>();
    private final ExecutorService control = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigil-pipeline-control");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.atomic.AtomicInteger pendingStarts = new java.util.concurrent.atomic.AtomicInteger();
    private PipelineListener listener;
    private final List<PipelineListener> alsoNotified = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Pipeline pipeline; // replaced on the control thread, read by stats()
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** In-memory alerts. @param rules null: no clinical rules (invalid or missing config) */
    public PipelineBackend(EmotionModel model, RuleSet rules, Map<String, BedRegion> regions) {
        this(model, rules, regions, false);
    }

    /** In-memory alerts. @param loopFiles video files start again when they end (--loop) */
    public PipelineBackend(EmotionModel model, RuleSet rules, Map<String, BedRegion> regions, boolean loopFiles) {
        this(model, rules, AlertManager.inMemory(Clock.systemUTC()), regions, loopFiles);
    }

    /** @param alerts the alert lifecycle the rules raise into (e.g. an AlertSystem's, durable and hot-reloaded) */
    public PipelineBackend(EmotionModel model, RuleSet rules, AlertManager alerts, Map<String, BedRegion> regions, boolean loopFiles) {
        this(model, rules != null ? new AlarmEngine(rules, alerts, Clock.systemUTC()) : o -> List.of(), alerts, regions, loopFiles);
    }

    public PipelineBackend(EmotionModel model, RuleEngine engine, AlertManager alerts, Map<String, BedRegion> regions) {
        this(model, engine, alerts, regions, false);
    }

    public PipelineBackend(EmotionModel model, RuleEngine engine, AlertManager alerts, Map<String, BedRegion> regions,
                           boolean loopFiles) {
        this.model = model;
        this.alerts = alerts;
        this.engine = engine;
        this.regions = regions == null ? Map.of() : Map.copyOf(regions);
        this.loopFiles = loopFiles;
    }

    /**
     * Video, faces and the patient's box only, when no model could be loaded: the same capture,
     * detection and patient choice as monitoring ({@link Pipeline#preview}), nothing decided.
     */
    public static PipelineBackend preview(Map<String, BedRegion> regions, boolean loopFiles) {
        return new PipelineBackend(null, (RuleEngine) null, AlertManager.inMemory(Clock.systemUTC()), regions, loopFiles);
    }

    /**
     * The alerts already open (restored from the durable store after a restart), as events for the
     * queue: the nurse must see them again, acknowledged or not.
     */
    public List<org.vigil.alerts.AlertEvent> openAlertEvents() {
        List<org.vigil.alerts.AlertEvent> out = new ArrayList<>();
        for (org.vigil.alerts.Alert a : alerts.openAlerts()) {
            out.add(new org.vigil.alerts.AlertEvent(a.id(), a.bed(), a.kind(), a.priority(),
                    org.vigil.alerts.AlertTransition.RAISED, a.raisedT(), a.raisedAt(), a.emotions(), a.ruleId(),
                    a.message(), AlertManager.SYSTEM));
            if (a.acknowledged()) {
                out.add(new org.vigil.alerts.AlertEvent(a.id(), a.bed(), a.kind(), a.priority(),
                        org.vigil.alerts.AlertTransition.ACKNOWLEDGED, a.raisedT(), a.ackedAt(), a.emotions(),
                        a.ruleId(), a.message(), a.ackedBy()));
            }
        }
        // Alerts that ended before anyone saw them come back as ended: raised, then ended by the system.
        for (org.vigil.alerts.Alert a : alerts.endedUnseen()) {
            out.add(new org.vigil.alerts.AlertEvent(a.id(), a.bed(), a.kind(), a.priority(),
                    org.vigil.alerts.AlertTransition.RAISED, a.raisedT(), a.raisedAt(), a.emotions(), a.ruleId(),
                    a.message(), AlertManager.SYSTEM));
            out.add(new org.vigil.alerts.AlertEvent(a.id(), a.bed(), a.kind(), a.priority(),
                    org.vigil.alerts.AlertTransition.RESOLVED, a.raisedT(), a.resolvedAt(), a.emotions(), a.ruleId(),
                    "ended before anyone acknowledged it", AlertManager.SYSTEM));
        }
        return out;
    }

    @Override
    public void start(String bed, String source, PipelineListener l) {
        SourceSpec spec = SourceSpec.parse(bed, source);
        pendingStarts.incrementAndGet();
        control.execute(() -> {
            listener = l;
            sources.put(bed, spec);
            // A ward opens all its beds at once: start the pipeline once, after the last of them.
            if (pendingStarts.decrementAndGet() == 0) restart();
        });
    }

    @Override
    public void startAll(Map<String, String> bedSources, PipelineListener l) {
        Map<String, SourceSpec> specs = new LinkedHashMap<>();
        bedSources.forEach((bed, source) -> specs.put(bed, SourceSpec.parse(bed, source)));
        control.execute(() -> {
            listener = l;
            sources.putAll(specs);
            restart();
        });
    }

    private void restart() {
        if (pipeline != null) pipeline.close();
        pipeline = null;
        // Live views need no more frames than this; every snapshot is a frame copy.
        PipelineConfig cfg = Vigil.pipelineConfig(Settings.builder()
                .sources(new ArrayList<>(sources.values()))
                .realtime(true)
                .loopFiles(loopFiles)
                .regions(regions)
                .frameSnapshotFps(Defaults.DASHBOARD_SNAPSHOT_FPS)
                .build());
        try {
            Pipeline p = new Pipeline(cfg, model, engine);
            p.addListener(listener, true);
            alsoNotified.forEach(p::addListener);
            p.start();
            pipeline = p;
        } catch (RuntimeException e) {
            LOG.error("Cannot start monitoring: {}", e.getMessage());
            for (SourceSpec s : sources.values()) listener.onSourceState(s.bed(), org.vigil.capture.SourceState.OFFLINE, "Cannot start: " + e.getMessage());
        }
    }

    @Override
    public void acknowledge(String alertId, String actor) {
        // The manager's answer is the event the queue shows: the dashboard never edits alert state itself.
        control.execute(() -> alerts.acknowledge(alertId, actor).ifPresent(listener::onAlert));
    }

    @Override
    public void resolve(String alertId, String actor) {
        control.execute(() -> alerts.resolve(alertId, actor, null).ifPresent(listener::onAlert));
    }

    /** Another listener of every pipeline this backend starts (metrics); add before the sources start. */
    public PipelineBackend alsoNotify(PipelineListener l) {
        alsoNotified.add(l);
        return this;
    }

    @Override
    public void resolve(String alertId, String actor, org.vigil.alerts.Outcome outcome, org.vigil.alerts.FalseAlarmReason reason) {
        control.execute(() -> alerts.resolve(alertId, actor, outcome, reason).ifPresent(listener::onAlert));
    }

    public AlertManager alerts() {
        return alerts;
    }

    /** The running pipeline's counters (they start again when a source switch restarts it); null before it runs. */
    public org.vigil.pipeline.PipelineStats stats() {
        Pipeline p = pipeline;
        return p == null ? null : p.stats();
    }

    /**
     * Stops the pipeline and the control thread, waiting for them (bounded). Idempotent: every call
     * returns once they have stopped, as the first one does.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            control.execute(() -> {
                if (pipeline != null) pipeline.close();
                pipeline = null;
            });
            control.shutdown();
        }
        try {
            control.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
