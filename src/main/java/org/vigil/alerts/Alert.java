package org.vigil.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * The current state of one alert (the latest of its transitions), as the dashboard lists it and the
 * store keeps it. Immutable snapshot; {@link AlertManager} makes a new one per transition.
 *
 * @param state            the last transition: RAISED (also after a re-raise), ESCALATED, ACKNOWLEDGED, RESOLVED
 * @param raisedT          stream seconds of the (last) raise
 * @param escalationLevel  0 = not escalated; n = the n-th escalation step was taken
 * @param recipient        who is notified now ("ward" until escalated)
 * @param latched          stays open after the condition ends, until resolved by someone
 * @param conditionActive  whether the condition that raised it is still present
 */
public record Alert(String id, String bed, String kind, String ruleId, AlertPriority priority, AlertTransition state,
                    double raisedT, Instant raisedAt, int escalationLevel, String recipient, boolean latched,
                    boolean conditionActive, String ackedBy, Instant ackedAt, String resolvedBy, Instant resolvedAt,
                    String message, Map<String, Double> emotions) {
    public Alert {
        emotions = emotions == null ? Map.of() : Map.copyOf(emotions);
    }

    public boolean open() {
        return state != AlertTransition.RESOLVED;
    }

    public boolean acknowledged() {
        return state == AlertTransition.ACKNOWLEDGED;
    }

    Alert with(AlertTransition s, AlertPriority p, int level, String to, boolean active, String ackBy, Instant ackAt,
               String resBy, Instant resAt, double rT, Instant rAt) {
        return new Alert(id, bed, kind, ruleId, p, s, rT, rAt, level, to, latched, active, ackBy, ackAt, resBy, resAt, message, emotions);
    }
}
