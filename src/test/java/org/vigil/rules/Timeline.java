package org.vigil.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigil.alerts.AlertEvent;

/** A scripted observation timeline for one bed at a fixed rate, played through an engine. */
final class Timeline {
    static final double STEP = 0.5;
    private final RuleEngine engine;
    private final String bed;
    double t;
    final List<AlertEvent> events = new ArrayList<>();

    Timeline(RuleEngine engine, String bed, double t0) {
        this.engine = engine;
        this.bed = bed;
        this.t = t0;
    }

    /** {@code seconds} of assessable observations with these probabilities; returns events of this stretch. */
    List<AlertEvent> hold(double seconds, Map<String, Double> emotions) {
        return play(seconds, Assessability.OK, emotions);
    }

    List<AlertEvent> sad(double seconds, double p) {
        return hold(seconds, Map.of("sad", p, "neutral", 1 - p));
    }

    List<AlertEvent> calm(double seconds) {
        return hold(seconds, Map.of("neutral", 0.9, "sad", 0.05, "angry", 0.05));
    }

    List<AlertEvent> play(double seconds, Assessability a, Map<String, Double> emotions) {
        List<AlertEvent> out = new ArrayList<>();
        double end = t + seconds;
        while (t < end - 1e-9) {
            t += STEP;
            out.addAll(engine.observe(new Observation(bed, t, a, emotions, a.assessable() ? 1 : 0)));
        }
        events.addAll(out);
        return out;
    }
}
