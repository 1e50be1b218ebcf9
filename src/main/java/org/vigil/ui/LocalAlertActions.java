package org.vigil.ui;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertManager;
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
        AlertEvent prev = latest.get(e.alertId());
        if (e.transition() == AlertTransition.RESOLVED) {
            // Ended before anyone acknowledged it: the queue keeps it, so acknowledging it must still work.
            boolean acked = prev != null && prev.transition() == AlertTransition.ACKNOWLEDGED;
            if (AlertManager.endsUnseen(e.kind(), acked, e.actor())) latest.put(e.alertId(), e);
            else latest.remove(e.alertId());
        } else if (prev != null && prev.transition() == AlertTransition.RESOLVED) {
            latest.remove(e.alertId()); // seen after it ended: over
        } else {
            latest.put(e.alertId(), e);
        }
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
