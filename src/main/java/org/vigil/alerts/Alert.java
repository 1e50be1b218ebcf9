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
public record Alert(String id, String bed, AlertKind kind, String ruleId, AlertPriority priority, AlertTransition state,
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

    /** A builder starting at this alert: the next snapshot of its life. */
    Builder toBuilder() {
        return new Builder(this);
    }

    /** The fields that change over an alert's life; id, bed, kind, rule, latched, message and emotions stay. */
    static final class Builder {
        private final Alert a;
        private AlertTransition state;
        private AlertPriority priority;
        private int escalationLevel;
        private String recipient;
        private boolean conditionActive;
        private String ackedBy;
        private Instant ackedAt;
        private String resolvedBy;
        private Instant resolvedAt;
        private double raisedT;
        private Instant raisedAt;

        private Builder(Alert a) {
            this.a = a;
            state = a.state;
            priority = a.priority;
            escalationLevel = a.escalationLevel;
            recipient = a.recipient;
            conditionActive = a.conditionActive;
            ackedBy = a.ackedBy;
            ackedAt = a.ackedAt;
            resolvedBy = a.resolvedBy;
            resolvedAt = a.resolvedAt;
            raisedT = a.raisedT;
            raisedAt = a.raisedAt;
        }

        Builder state(AlertTransition v) { state = v; return this; }
        Builder priority(AlertPriority v) { priority = v; return this; }
        Builder escalationLevel(int v) { escalationLevel = v; return this; }
        Builder recipient(String v) { recipient = v; return this; }
        Builder conditionActive(boolean v) { conditionActive = v; return this; }
        Builder acked(String by, Instant at) { ackedBy = by; ackedAt = at; return this; }
        Builder resolved(String by, Instant at) { resolvedBy = by; resolvedAt = at; return this; }
        Builder raisedT(double v) { raisedT = v; return this; }

        Alert build() {
            return new Alert(a.id, a.bed, a.kind, a.ruleId, priority, state, raisedT, raisedAt, escalationLevel, recipient,
                    a.latched, conditionActive, ackedBy, ackedAt, resolvedBy, resolvedAt, a.message, a.emotions);
        }
    }
}
