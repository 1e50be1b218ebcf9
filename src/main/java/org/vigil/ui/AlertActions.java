package org.vigil.ui;

/**
 * What the nurse can do to an alert from the dashboard. The alert lifecycle owner implements it and
 * reports the resulting transition back through the pipeline event API (onAlert), which is what
 * updates the queue: the dashboard never edits alert state on its own.
 */
public interface AlertActions {
    void acknowledge(String alertId, String actor);

    void resolve(String alertId, String actor);
}
