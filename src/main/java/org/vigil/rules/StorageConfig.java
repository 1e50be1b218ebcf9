package org.vigil.rules;

import org.vigil.base.Defaults;

/**
 * How long the alert store keeps what it no longer needs for monitoring ({@code storage:} in the alerts config).
 *
 * @param keepClosedAlertsDays resolved alerts (and their audit trail) older than this are deleted and the file compacted
 * @param keepScoreHistoryDays each bed's recorded scores (what suggestions replay) older than this are deleted
 */
public record StorageConfig(int keepClosedAlertsDays, int keepScoreHistoryDays) {
    public static final StorageConfig DEFAULT = new StorageConfig(Defaults.KEEP_CLOSED_ALERTS_DAYS, Defaults.KEEP_SCORE_HISTORY_DAYS);

    /** Closed alerts kept this long; the score history the default time. */
    public StorageConfig(int keepClosedAlertsDays) {
        this(keepClosedAlertsDays, Defaults.KEEP_SCORE_HISTORY_DAYS);
    }
}
