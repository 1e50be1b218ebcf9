package org.vigil.rules;

import java.util.List;
import java.util.Map;
import org.vigil.alerts.AlertPriority;

/**
 * One clinical rule, as an admin writes it in alerts-config/*.yaml (see alerts-config/README.md).
 * All durations are seconds of stream time.
 *
 * @param emotions     model labels whose probabilities make up the score (e.g. angry, sad)
 * @param combine      SUM or MAX of those probabilities
 * @param start        the score must reach this to start (or continue building) an episode
 * @param end          the episode ends only when the score falls below this (hysteresis, end &lt;= start)
 * @param persist      seconds the condition must hold before the alert is raised
 * @param within       optional window: raise when the condition held {@code persist} seconds out of the
 *                     last {@code within} seconds (0 = continuous persistence)
 * @param clearAfter   seconds the score must stay below {@code end} before the episode ends; dips shorter
 *                     than this neither reset a building episode nor end an active one
 * @param grace        seconds of "cannot assess" an episode survives (paused, not reset)
 * @param cooldown     seconds after an alert of this rule resolves before it can raise again for the bed
 * @param latched      true: the alert stays open after the condition ends until someone resolves it
 * @param reraiseAfter seconds after acknowledgement at which a still-present condition re-raises the
 *                     alert (0 = never)
 */
public record DistressRuleConfig(String id, boolean enabled, List<String> emotions, Combine combine,
                                 double start, double end, double persist, double within, double clearAfter,
                                 double grace, AlertPriority priority, double cooldown, boolean latched,
                                 double reraiseAfter, List<EscalationStep> escalation) {
    public DistressRuleConfig {
        emotions = List.copyOf(emotions);
        escalation = List.copyOf(escalation);
    }

    /** Field names an override (per bed, per shift) may set, and their order in docs and diffs. */
    public static final List<String> FIELDS = List.of("enabled", "emotions", "combine", "start", "end", "persist",
            "within", "clear_after", "grace", "priority", "cooldown", "latched", "reraise_after", "escalation");

    /** This rule with some fields replaced; values are already validated and typed by the loader. */
    public DistressRuleConfig with(Map<String, Object> overrides) {
        Builder b = toBuilder();
        overrides.forEach(b::set);
        return b.build();
    }

    /** A builder starting at this rule. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The rule field by field; {@link #set} is the one table from config names ({@link #FIELDS}) to fields. */
    public static final class Builder {
        private final String id;
        private boolean enabled;
        private List<String> emotions;
        private Combine combine;
        private double start;
        private double end;
        private double persist;
        private double within;
        private double clearAfter;
        private double grace;
        private AlertPriority priority;
        private double cooldown;
        private boolean latched;
        private double reraiseAfter;
        private List<EscalationStep> escalation;

        private Builder(DistressRuleConfig r) {
            id = r.id;
            enabled = r.enabled;
            emotions = r.emotions;
            combine = r.combine;
            start = r.start;
            end = r.end;
            persist = r.persist;
            within = r.within;
            clearAfter = r.clearAfter;
            grace = r.grace;
            priority = r.priority;
            cooldown = r.cooldown;
            latched = r.latched;
            reraiseAfter = r.reraiseAfter;
            escalation = r.escalation;
        }

        /** Sets the field with this config name (see {@link #FIELDS}) to an already validated, typed value. */
        @SuppressWarnings("unchecked")
        public Builder set(String field, Object v) {
            switch (field) {
                case "enabled" -> enabled = (Boolean) v;
                case "emotions" -> emotions = (List<String>) v;
                case "combine" -> combine = (Combine) v;
                case "start" -> start = (Double) v;
                case "end" -> end = (Double) v;
                case "persist" -> persist = (Double) v;
                case "within" -> within = (Double) v;
                case "clear_after" -> clearAfter = (Double) v;
                case "grace" -> grace = (Double) v;
                case "priority" -> priority = (AlertPriority) v;
                case "cooldown" -> cooldown = (Double) v;
                case "latched" -> latched = (Boolean) v;
                case "reraise_after" -> reraiseAfter = (Double) v;
                case "escalation" -> escalation = (List<EscalationStep>) v;
                default -> throw new IllegalArgumentException("unknown rule field " + field);
            }
            return this;
        }

        public DistressRuleConfig build() {
            return new DistressRuleConfig(id, enabled, emotions, combine, start, end, persist, within, clearAfter, grace,
                    priority, cooldown, latched, reraiseAfter, escalation);
        }
    }
}
