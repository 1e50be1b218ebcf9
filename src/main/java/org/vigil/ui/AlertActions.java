package org.vigil.ui;

import org.vigil.alerts.FalseAlarmReason;
import org.vigil.alerts.Outcome;

/**
 * What the nurse can do to an alert from the dashboard. The alert lifecycle owner implements it and
 * reports the resulting transition back through the pipeline event API (onAlert), which is what
 * updates the queue: the dashboard never edits alert state on its own.
 */
public interface AlertActions {
    void acknowledge(String alertId, String actor);

    void resolve(String alertId, String actor);

    /**
     * Resolve and say what it was (outcome null = no answer; reason only for a false alarm). An alert
     * that ended unseen is acknowledged with the outcome. Without an alert manager the answer is dropped.
     */
    default void resolve(String alertId, String actor, Outcome outcome, FalseAlarmReason reason) {
        resolve(alertId, actor);
    }
}
