package org.vigil.rules;

import org.vigil.base.Defaults;

/**
 * How long the alert store keeps what it no longer needs for monitoring ({@code storage:} in the alerts config).
 *
 * @param keepClosedAlertsDays resolved alerts (and their audit trail) older than this are deleted and the file compacted
 */
public record StorageConfig(int keepClosedAlertsDays) {
    public static final StorageConfig DEFAULT = new StorageConfig(Defaults.KEEP_CLOSED_ALERTS_DAYS);
}
