package org.vigil.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alerts.AlertEvent;
import org.vigil.capture.SourceState;
import org.vigil.rules.Observation;
import org.vigil.rules.RuleEngine;

/**
 * Decide, the second step of the decision thread: per bed, smoothed scores and assessability
 * ({@link BedDecider}) become an observation, the rule engine turns it into alert transitions, and
 * the bed's status follows. Owned by the decision thread.
 */
final class BedDecisions {
    private static final Logger log = LoggerFactory.getLogger(BedDecisions.class);

    /** What one tick decided: the bed's status (null when nothing is to be shown) and alert transitions. */
    record Decision(BedStatus status, List<AlertEvent> events) {}

    private final List<String> labels;
    private final RuleEngine rules;
    private final DecisionSettings config;
    private final PipelineStats stats;
    private final Map<String, BedDecider> beds = new HashMap<>();
    /** bed -> {stream t when it went offline, wall nanos then, wall nanos of the last report} */
    private final Map<String, double[]> offline = new HashMap<>();

    BedDecisions(List<String> labels, RuleEngine rules, DecisionSettings config, PipelineStats stats) {
        this.labels = labels;
        this.rules = rules;
        this.config = config;
        this.stats = stats;
    }

    private BedDecider bed(String bed) {
        return beds.computeIfAbsent(bed, b -> new BedDecider(b, labels, config));
    }

    Decision face(Tick.Face t, float[] scores) {
        if (scores != null) stats.bed(t.bed()).classified.increment();
        return decide(bed(t.bed()), bed(t.bed()).observe(t, scores), stats.bed(t.bed()).fps());
    }

    /** A source change: only going offline is decided on (camera-offline rules); the rest only clears it. */
    Decision source(Tick.Source t) {
        BedDecider d = bed(t.bed());
        if (t.state() == SourceState.OFFLINE) {
            long now = System.nanoTime();
            offline.putIfAbsent(t.bed(), new double[] {t.t(), now, now});
            return decide(d, d.offline(t.t()), stats.bed(t.bed()).fps());
        }
        offline.remove(t.bed());
        if (t.state() == SourceState.RUNNING) d.sourceRunning();
        return new Decision(null, List.of());
    }

    /**
     * An offline camera sends no frames, so nothing else would tell the rules engine that time passes:
     * once a second (wall time) each offline bed is observed again, its stream clock advanced by
     * the wall time elapsed, so "camera offline for 10 s" alerts can fire.
     */
    List<Decision> repeatOffline() {
        long now = System.nanoTime();
        List<Decision> out = new ArrayList<>();
        for (var e : offline.entrySet()) {
            double[] v = e.getValue();
            if (now - v[2] < 1e9) continue;
            v[2] = now;
            BedDecider d = beds.get(e.getKey());
            out.add(decide(d, d.offline(v[0] + (now - v[1]) / 1e9), 0));
        }
        return out;
    }

    /** The model failed (message) or works again (null): technical alerts for the beds whose faces it was given. */
    List<AlertEvent> model(BatchClassifier.Scores scores, List<Tick> batch) {
        if (rules == null || scores.change() == BatchClassifier.Change.NONE) return List.of();
        Map<String, Tick.Face> firstPerBed = new LinkedHashMap<>();
        for (Tick t : batch) if (t instanceof Tick.Face f && f.crop() != null) firstPerBed.putIfAbsent(f.bed(), f);
        List<AlertEvent> out = new ArrayList<>();
        for (Tick.Face f : firstPerBed.values()) {
            out.addAll(scores.change() == BatchClassifier.Change.FAILED
                    ? rules.modelFailure(f.bed(), f.t(), scores.error()) : rules.modelRecovered(f.bed(), f.t()));
        }
        return out;
    }

    private Decision decide(BedDecider d, Observation o, double fps) {
        List<AlertEvent> events = observeRules(o);
        d.applyAlerts(events);
        return new Decision(d.status(o, fps), events);
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
