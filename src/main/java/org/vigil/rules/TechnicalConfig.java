package org.vigil.rules;

import org.vigil.alerts.AlertPriority;

/**
 * Technical alerts: equipment or view problems, not patient state.
 *
 * @param cameraOfflineAfter seconds of CAMERA_OFFLINE observations before "camera-offline" is raised
 * @param notVisibleAfter    seconds without an assessable face (camera working) before "not-visible"
 */
public record TechnicalConfig(double cameraOfflineAfter, double notVisibleAfter, AlertPriority priority) {
    public static final TechnicalConfig DEFAULT = new TechnicalConfig(10, 120, AlertPriority.MEDIUM);
}
