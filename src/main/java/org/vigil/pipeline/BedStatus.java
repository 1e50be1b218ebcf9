package org.vigil.pipeline;

import java.util.Map;
import org.vigil.classify.EmotionLabels;
import org.vigil.detect.FaceBox;
import org.vigil.rules.Assessability;

/**
 * The latest per-bed status, published by the pipeline for the dashboard and the JSON output.
 *
 * @param t           stream seconds
 * @param stateSince  stream seconds at which {@code state} began
 * @param emotions    smoothed probabilities by label; empty when not assessable
 * @param patient     the face judged to be the patient, or null
 * @param fps         frames per second processed for this bed, recently
 */
public record BedStatus(String bed, double t, BedState state, Assessability assessability,
                        Map<String, Double> emotions, double confidence, double stateSince, FaceBox patient,
                        double fps) {
    public BedStatus {
        emotions = emotions == null ? Map.of() : Map.copyOf(emotions);
    }

    /** The published distress score (angry + sad of the smoothed emotions; 0 when not assessable). */
    public double distress() {
        return EmotionLabels.distress(emotions);
    }
}
