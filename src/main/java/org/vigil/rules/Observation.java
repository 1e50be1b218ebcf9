package org.vigil.rules;

import java.util.Map;

/**
 * What the pipeline knows about one bed at one moment, after smoothing: the input of the rules engine.
 *
 * @param bed          bed name
 * @param t            seconds of stream time (from frame timestamps, not the wall clock)
 * @param assessability OK, or why the emotion cannot be judged now
 * @param emotions     smoothed class probabilities (model labels); empty when not assessable
 * @param confidence   0..1, how much the smoothed estimate can be trusted (e.g. share of recent
 *                     frames with a usable face)
 */
public record Observation(String bed, double t, Assessability assessability, Map<String, Double> emotions,
                          double confidence) {
    public Observation {
        emotions = emotions == null ? Map.of() : Map.copyOf(emotions);
    }

    public double p(String emotion) {
        return emotions.getOrDefault(emotion, 0.0);
    }
}
