package org.vigil.ui;

import java.util.Map;
import org.vigil.pipeline.BedState;

/** One sample of a bed's smoothed history, for the timeline strip and the detail chart. */
public record HistoryPoint(double t, BedState state, Map<String, Double> emotions) {
    public HistoryPoint {
        emotions = emotions == null ? Map.of() : Map.copyOf(emotions);
    }
}
