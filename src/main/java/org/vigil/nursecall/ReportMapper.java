package org.vigil.nursecall;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.vigil.alerts.AlertEvent;

/**
 * Decides the IHE phase and states of each alert transition: the first raise starts, later raises
 * (re-raise), escalations and acknowledgements continue, the resolution ends. Whether an alert has
 * started is asked of the durable outbox, so a restart does not start an alert twice.
 * Called under the integration's lock (one caller at a time).
 */
final class ReportMapper {
    private final Predicate<String> started;
    /** Alerts a nurse acknowledged and that were not raised again since: their end says so too. */
    private final Set<String> acknowledged = new HashSet<>();

    ReportMapper(Predicate<String> started) {
        this.started = started;
    }

    AlertReport map(AlertEvent e) {
        AlertPhase phase;
        switch (e.transition()) {
            case RAISED -> {
                phase = started.test(e.alertId()) ? AlertPhase.CONTINUE : AlertPhase.START;
                acknowledged.remove(e.alertId());
            }
            case ESCALATED -> phase = AlertPhase.CONTINUE;
            case ACKNOWLEDGED -> {
                phase = AlertPhase.CONTINUE;
                acknowledged.add(e.alertId());
            }
            case RESOLVED -> phase = AlertPhase.END;
            default -> throw new IllegalStateException("unknown transition " + e.transition());
        }
        boolean acked = acknowledged.contains(e.alertId());
        if (phase == AlertPhase.END) acknowledged.remove(e.alertId());
        return new AlertReport(e.alertId(), e.bed(), e.kind().wire(), e.technical(), e.transition(), phase,
                phase == AlertPhase.END ? AlertReport.INACTIVE : AlertReport.ACTIVE,
                acked ? AlertReport.ACKNOWLEDGED : AlertReport.ENABLED, e.priority(), e.t(), e.at(), e.message(), e.actor());
    }
}
