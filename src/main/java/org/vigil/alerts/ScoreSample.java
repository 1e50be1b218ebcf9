package org.vigil.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * One recorded moment of one bed, as the rules engine saw it: scores and state only, never an image.
 *
 * @param at            wall time (lines the sample up with the alerts' raise times)
 * @param t             stream seconds (what the rules measure durations on)
 * @param assessability wire name of the rules' assessability ("ok", "no-face", ...)
 * @param emotions      smoothed class probabilities; empty when not assessable
 */
public record ScoreSample(String bed, Instant at, double t, String assessability, Map<String, Double> emotions) {
    public ScoreSample {
        emotions = emotions == null ? Map.of() : Map.copyOf(emotions);
    }
}
