package org.vigil.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * One step in an alert's life, as the dashboard, the JSON output and the durable log see it.
 *
 * @param alertId   stable id of the alert across its transitions
 * @param kind      what the alert is about (clinical or technical)
 * @param t         stream seconds at which the transition happened (for wall time see {@code at})
 * @param emotions  smoothed scores that drove it (empty for technical alerts)
 * @param ruleId    the config rule that raised it
 * @param actor     who acknowledged/resolved it ("system" for automatic steps)
 */
public record AlertEvent(String alertId, String bed, AlertKind kind, AlertPriority priority, AlertTransition transition,
                         double t, Instant at, Map<String, Double> emotions, String ruleId, String message,
                         String actor) {
    public AlertEvent {
        emotions = emotions == null ? Map.of() : Map.copyOf(emotions);
    }

    public boolean technical() {
        return kind.technical();
    }
}
