package org.vigil.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alerts.AlertEvent;
import org.vigil.capture.SourceState;
import org.vigil.classify.EmotionModel;
import org.vigil.rules.Observation;
import org.vigil.rules.RuleEngine;

/**
 * The single decision thread: collects classification ticks from all beds, classifies every waiting
 * crop in one model call (batching amortises the per-call cost across beds), then smooths, asks
 * the rule engine and publishes status and alerts. One owner for all decision state.
 */
final class DecisionStage implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(DecisionStage.class);
    static final int MAX_BATCH = 32;

    private final BlockingQueue<Tick> queue = new ArrayBlockingQueue<>(512);
    private final EmotionModel model;
    private final RuleEngine rules;
    private final PipelineConfig config;
    private final PipelineStats stats;
    private final Listeners listeners;
    private final Map<String, BedDecider> beds = new HashMap<>();
    private final AtomicLong droppedTicks = new AtomicLong();
    private volatile boolean draining;
    private volatile boolean modelFailed;

    DecisionStage(EmotionModel model, RuleEngine rules, PipelineConfig config, PipelineStats stats, Listeners listeners) {
        this.model = model;
        this.rules = rules;
        this.config = config;
        this.stats = stats;
        this.listeners = listeners;
    }

    /**
     * Live sources never wait on the decision thread (a full queue drops the tick and counts it);
     * batch analysis of files waits, so no classification is lost.
     */
    void submit(Tick t) {
        if (t.isSource() || !config.capture().realtime()) {
            try {
                queue.put(t);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (!queue.offer(t)) {
            droppedTicks.incrementAndGet();
        }
    }

    /** Finish what is queued, then end. */
    void drainAndStop() {
        draining = true;
    }

    long droppedTicks() {
        return droppedTicks.get();
    }

    @Override
    public void run() {
        List<Tick> batch = new ArrayList<>();
        try {
            while (true) {
                Tick first = carry.isEmpty() ? queue.poll(50, TimeUnit.MILLISECONDS) : carry.pollFirst();
                if (first == null) {
                    if (draining && queue.isEmpty()) break;
                    repeatOffline();
                    continue;
                }
                batch.clear();
                batch.add(first);
                while (!carry.isEmpty()) batch.add(carry.pollFirst());
                queue.drainTo(batch);
                if (config.capture().realtime()) supersede(batch);
                // Classify at most MAX_BATCH crops per call; the rest waits for the next round.
                int crops = 0;
                int cut = batch.size();
                for (int i = 0; i < batch.size(); i++) {
                    if (batch.get(i).crop() != null && ++crops > MAX_BATCH) {
                        cut = i;
                        break;
                    }
                }
                process(batch.subList(0, cut));
                for (int i = batch.size() - 1; i >= cut; i--) requeueFront(batch.get(i));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final java.util.Deque<Tick> carry = new java.util.ArrayDeque<>();

    private void requeueFront(Tick t) {
        carry.addFirst(t);
    }

    /**
     * Live sources: when the model fell behind, only the newest waiting tick of each bed is worth
     * deciding on; older ones would only add latency. Source-state ticks are always kept.
     */
    private void supersede(List<Tick> batch) {
        Map<String, Integer> newest = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) if (!batch.get(i).isSource()) newest.put(batch.get(i).bed(), i);
        List<Tick> kept = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Tick t = batch.get(i);
            if (t.isSource() || newest.get(t.bed()) == i) {
                kept.add(t);
            } else {
                droppedTicks.incrementAndGet();
            }
        }
        batch.clear();
        batch.addAll(kept);
    }

    private void process(List<Tick> batch) {
        List<byte[]> crops = new ArrayList<>();
        for (Tick t : batch) if (t.crop() != null) crops.add(t.crop());
        float[][] probs = null;
        if (!crops.isEmpty()) {
            long c0 = System.nanoTime();
            try {
                probs = model.predict(crops);
                if (probs.length != crops.size() || hasNaN(probs)) {
                    throw new IllegalStateException("model returned " + probs.length + " rows for " + crops.size() + " faces, or NaN scores");
                }
                if (modelFailed) technical(batch, null);
                modelFailed = false;
            } catch (RuntimeException e) {
                probs = null;
                if (!modelFailed) {
                    log.error("emotion model failed on a batch of {}: {}", crops.size(), e.toString());
                    technical(batch, e.toString());
                }
                modelFailed = true;
            }
            long c1 = System.nanoTime();
            stats.stage("classify", c1 - c0);
            stats.batch(crops.size());
            listeners.batchTiming(new BatchTiming(crops.size(), c1 - c0, probs == null));
        }
        int k = 0;
        for (Tick t : batch) {
            long d0 = System.nanoTime();
            BedDecider d = beds.computeIfAbsent(t.bed(), b -> new BedDecider(b, model.labels(), config));
            Observation o;
            if (t.isSource()) {
                SourceState s = SourceState.valueOf(t.sourceState());
                listeners.source(t.bed(), s.wire(), t.sourceDetail());
                if (s == SourceState.OFFLINE) {
                    o = d.offline(t.t());
                    long now = System.nanoTime();
                    offline.putIfAbsent(t.bed(), new double[] {t.t(), now, now});
                } else {
                    offline.remove(t.bed());
                    if (s == SourceState.RUNNING) d.sourceRunning();
                    continue;
                }
            } else {
                float[] p = t.crop() == null ? null : probs == null ? null : probs[k];
                if (t.crop() != null) k++;
                if (p != null) stats.bed(t.bed()).classified.increment();
                o = d.observe(t, p);
            }
            List<AlertEvent> events = observeRules(o);
            d.applyAlerts(events);
            BedStatus status = d.status(o, stats.bed(t.bed()).fps());
            listeners.status(status);
            events.forEach(this::publish);
            long now = System.nanoTime();
            stats.stage("decide", now - d0);
            if (!t.isSource()) {
                stats.latency(now - t.grabbedNanos());
                listeners.decisionTiming(new DecisionTiming(t.bed(), t.t(), now - t.grabbedNanos(), events));
            }
        }
    }

    /** bed -> {stream t when it went offline, wall nanos then, wall nanos of the last report} */
    private final Map<String, double[]> offline = new HashMap<>();

    /**
     * An offline camera sends no frames, so nothing else would tell the rules engine that time passes:
     * once a second (wall time) each offline bed is observed again, its stream clock advanced by
     * the wall time elapsed, so "camera offline for 10 s" alerts can fire.
     */
    private void repeatOffline() {
        long now = System.nanoTime();
        for (var e : offline.entrySet()) {
            double[] v = e.getValue();
            if (now - v[2] < 1e9) continue;
            v[2] = now;
            BedDecider d = beds.get(e.getKey());
            Observation o = d.offline(v[0] + (now - v[1]) / 1e9);
            List<AlertEvent> events = observeRules(o);
            d.applyAlerts(events);
            listeners.status(d.status(o, 0));
            events.forEach(this::publish);
        }
    }

    private void publish(AlertEvent e) {
        if (e.transition() == org.vigil.alerts.AlertTransition.RAISED) {
            (e.technical() ? stats.bed(e.bed()).technicalAlerts : stats.bed(e.bed()).alerts).increment();
        }
        listeners.alert(e);
    }

    private static boolean hasNaN(float[][] p) {
        for (float[] row : p) for (float v : row) if (Float.isNaN(v)) return true;
        return false;
    }

    /** Model failure (message) or recovery (null) as technical alerts, when the engine supports them. */
    private void technical(List<Tick> batch, String message) {
        if (!(rules instanceof org.vigil.rules.AlarmEngine engine)) return;
        java.util.Set<String> done = new java.util.HashSet<>();
        for (Tick t : batch) {
            if (t.crop() == null || !done.add(t.bed())) continue;
            List<AlertEvent> ev = message != null ? engine.modelFailure(t.bed(), t.t(), message) : engine.modelRecovered(t.bed(), t.t());
            ev.forEach(this::publish);
        }
    }

    private List<AlertEvent> observeRules(Observation o) {
        if (rules == null) return List.of();
        try {
            List<AlertEvent> ev = rules.observe(o);
            return ev == null ? List.of() : ev;
        } catch (RuntimeException e) {
            log.error("rule engine failed on {}: {}", o, e.toString());
            return List.of();
        }
    }
}
