package org.vigil.pipeline;

import java.util.List;
import org.vigil.alerts.AlertEvent;

/**
 * A classification tick decided and published, for metrics.
 *
 * @param latencyNanos frame decoded -> its status and alerts published to the listeners
 * @param alerts       the alert events this tick produced (published before this record)
 */
public record DecisionTiming(String bed, double t, long latencyNanos, List<AlertEvent> alerts) {
    public DecisionTiming {
        alerts = List.copyOf(alerts);
    }
}
