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
    @SuppressWarnings("unchecked")
    public DistressRuleConfig with(Map<String, Object> overrides) {
        DistressRuleConfig r = this;
        for (Map.Entry<String, Object> e : overrides.entrySet()) {
            Object v = e.getValue();
            r = switch (e.getKey()) {
                case "enabled" -> new DistressRuleConfig(r.id, (Boolean) v, r.emotions, r.combine, r.start, r.end, r.persist, r.within, r.clearAfter, r.grace, r.priority, r.cooldown, r.latched, r.reraiseAfter, r.escalation);
                case "emotions" -> new DistressRuleConfig(r.id, r.enabled, (List<String>) v, r.combine, r.start, r.end, r.persist, r.within, r.clearAfter, r.grace, r.priority, r.cooldown, r.latched, r.reraiseAfter, r.escalation);
                case "combine" -> new DistressRuleConfig(r.id, r.enabled, r.emotions, (Combine) v, r.start, r.end, r.persist, r.within, r.clearAfter, r.grace, r.priority, r.cooldown, r.latched, r.reraiseAfter, r.escalation);
                case "start" -> new DistressRuleConfig(r.id, r.enabled, r.emotions, r.combine, (Double) v, r.end, r.persist, r.within, r.clearAfter, r.grace, r.priority, r.cooldown, r.latched, r.reraiseAfter, r.escalation);
                case "end" -> new DistressRuleConfig(r.id, r.enabled, r.emotions, r.combine, r.start, (Double) v, r.persist, r.within, r.clearAfter, r.grace, r.priority, r.cooldown, r.latched, r.reraiseAfter, r.escalation);
                case "persist" -> new DistressRuleConfig(r.id, r.enabled, r.emotions, r.combine, r.start, r.end, (Double) v, r.within, r.clearAfter, r.grace, r.priority, r.cooldown, r.latched, r.reraiseAfter, r.escalation);
                case "within" -> new DistressRuleConfig(r.id, r.enabled, r.emotions, r.combine, r.start, r.end, r.persist, (Double) v, r.clearAfter, r.grace, r.priority, r.cooldown, r.latched, r.reraiseAfter, r.escalation);
                case "clear_after" -> new DistressRuleConfig(r.id, r.enabled, r.emotions, r.combine, r.start, r.end, r.persist, r.within, (Double) v, r.grace, r.priority, r.cooldown, r.latched, r.reraiseAfter, r.escalation);
                case "grace" -> new DistressRuleConfig(r.id, r.enabled, r.emotions, r.combine, r.start, r.end, r.persist, r.within, r.clearAfter, (Double) v, r.priority, r.cooldown, r.latched, r.reraiseAfter, r.escalation);
                case "priority" -> new DistressRuleConfig(r.id, r.enabled, r.emotions, r.combine, r.start, r.end, r.persist, r.within, r.clearAfter, r.grace, (AlertPriority) v, r.cooldown, r.latched, r.reraiseAfter, r.escalation);
                case "cooldown" -> new DistressRuleConfig(r.id, r.enabled, r.emotions, r.combine, r.start, r.end, r.persist, r.within, r.clearAfter, r.grace, r.priority, (Double) v, r.latched, r.reraiseAfter, r.escalation);
                case "latched" -> new DistressRuleConfig(r.id, r.enabled, r.emotions, r.combine, r.start, r.end, r.persist, r.within, r.clearAfter, r.grace, r.priority, r.cooldown, (Boolean) v, r.reraiseAfter, r.escalation);
                case "reraise_after" -> new DistressRuleConfig(r.id, r.enabled, r.emotions, r.combine, r.start, r.end, r.persist, r.within, r.clearAfter, r.grace, r.priority, r.cooldown, r.latched, (Double) v, r.escalation);
                case "escalation" -> new DistressRuleConfig(r.id, r.enabled, r.emotions, r.combine, r.start, r.end, r.persist, r.within, r.clearAfter, r.grace, r.priority, r.cooldown, r.latched, r.reraiseAfter, (List<EscalationStep>) v);
                default -> throw new IllegalArgumentException("unknown rule field " + e.getKey());
            };
        }
        return r;
    }
}
