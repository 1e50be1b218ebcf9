package org.vigil.ui;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertTransition;
import org.vigil.pipeline.PipelineListener;

/**
 * Acknowledge/resolve when no alert manager is connected: remembers each alert's latest event and
 * answers a nurse's action with the matching transition event to {@code target}. The alert manager
 * replaces this once wired in, so the durable log and escalation see the action too.
 */
public final class LocalAlertActions implements AlertActions, PipelineListener {
    private final Map<String, AlertEvent> latest = new ConcurrentHashMap<>();
    private final PipelineListener target;

    public LocalAlertActions(PipelineListener target) {
        this.target = target;
    }

    @Override
    public void onAlert(AlertEvent e) {
        if (e.transition() == AlertTransition.RESOLVED) latest.remove(e.alertId());
        else latest.put(e.alertId(), e);
    }

    @Override
    public void acknowledge(String alertId, String actor) {
        step(alertId, AlertTransition.ACKNOWLEDGED, actor);
    }

    @Override
    public void resolve(String alertId, String actor) {
        step(alertId, AlertTransition.RESOLVED, actor);
    }

    private void step(String id, AlertTransition tr, String actor) {
        AlertEvent last = latest.get(id);
        if (last == null) return;
        AlertEvent e = new AlertEvent(id, last.bed(), last.kind(), last.priority(), tr, last.t(), Instant.now(),
                last.emotions(), last.ruleId(), last.message(), actor);
        onAlert(e);
        target.onAlert(e);
    }
}
