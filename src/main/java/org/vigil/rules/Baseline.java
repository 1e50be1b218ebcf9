package org.vigil.rules;

import java.util.HashMap;
import java.util.Map;

/**
 * A patient's resting expression, learned from the first {@code calibration} seconds of assessable
 * observations (time-weighted mean per emotion). After calibration, a probability p is judged as
 * its deviation above the resting level m, rescaled to 0..1: (p - m) / (1 - m), floored at 0.
 * So a face that rests at sad 0.5 needs sad 0.8 to score 0.6 — distress is "more than usual".
 */
final class Baseline {
    private final double calibration;
    private final Map<String, Double> sum = new HashMap<>();
    private double seconds;
    private Map<String, Double> mean; // null while calibrating

    Baseline(double calibration) {
        this.calibration = calibration;
    }

    /** A baseline learned before (saved with the alerts), already calibrated. */
    static Baseline restored(Map<String, Double> resting) {
        Baseline b = new Baseline(1);
        b.mean = new HashMap<>(resting);
        b.seconds = 1;
        return b;
    }

    boolean calibrated() {
        return mean != null;
    }

    double progress() {
        return Math.min(1, seconds / calibration);
    }

    Map<String, Double> resting() {
        return mean == null ? Map.of() : Map.copyOf(mean);
    }

    void learn(Map<String, Double> emotions, double dt) {
        if (mean != null || dt <= 0) return;
        emotions.forEach((k, v) -> sum.merge(k, v * dt, Double::sum));
        seconds += dt;
        if (seconds >= calibration) {
            Map<String, Double> m = new HashMap<>();
            sum.forEach((k, v) -> m.put(k, v / seconds));
            mean = m;
        }
    }

    /**
     * Resting levels above this are treated as this: a patient who was distressed through the whole
     * calibration must still be able to raise an alert (a score of 1.0 stays 1.0).
     */
    static final double MAX_RESTING = 0.6;

    double adjust(String emotion, double p) {
        if (mean == null) return p;
        double m = Math.min(MAX_RESTING, mean.getOrDefault(emotion, 0.0));
        return Math.max(0, (p - m) / (1 - m));
    }
}
