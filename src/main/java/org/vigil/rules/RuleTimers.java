package org.vigil.rules;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.vigil.alerts.Alert;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;

/**
 * The stream times rule policy counts from: when each open alert was (re-)raised (escalation), when it
 * was acknowledged (re-raise), when a (bed, kind, rule) last resolved (cool-down). Learned from the
 * alert lifecycle's own events, so a nurse's acknowledgement on any thread counts; policy state lives
 * here in {@code rules}, the lifecycle in {@code alerts.AlertManager}.
 */
final class RuleTimers implements Consumer<AlertEvent> {
    private final Map<String, Double> reference = new HashMap<>();
    private final Map<String, Double> acknowledged = new HashMap<>();
    private final Map<String, Double> lastResolved = new HashMap<>();

    @Override
    public synchronized void accept(AlertEvent e) {
        switch (e.transition()) {
            case RAISED -> { // a raise, or a re-raise: escalation counts again, the acknowledgement is gone
                reference.put(e.alertId(), e.t());
                acknowledged.remove(e.alertId());
            }
            case ACKNOWLEDGED -> acknowledged.put(e.alertId(), e.t());
            case RESOLVED -> {
                lastResolved.put(key(e.bed(), e.kind(), e.ruleId()), e.t());
                reference.remove(e.alertId());
                acknowledged.remove(e.alertId());
            }
            default -> { }
        }
    }

    /**
     * Alerts restored after a restart carry an old stream's times (meaningless now): their timing
     * restarts at their bed's first observation in this run.
     */
    synchronized void restored(List<Alert> openOfBed, double t) {
        for (Alert a : openOfBed) {
            reference.putIfAbsent(a.id(), t);
            if (a.acknowledged()) acknowledged.putIfAbsent(a.id(), t);
        }
    }

    /** Escalation/re-raise reference time of an alert, or NaN when unknown. */
    synchronized double reference(String alertId) {
        return reference.getOrDefault(alertId, Double.NaN);
    }

    synchronized double acknowledged(String alertId) {
        return acknowledged.getOrDefault(alertId, Double.NaN);
    }

    /** Stream time of the last resolution for (bed, kind, rule) in this run, or NaN. */
    synchronized double lastResolved(String bed, AlertKind kind, String ruleId) {
        return lastResolved.getOrDefault(key(bed, kind, ruleId), Double.NaN);
    }

    private static String key(String bed, AlertKind kind, String rule) {
        return bed + "\u0000" + kind.wire() + "\u0000" + rule;
    }
}
