package org.vigil.nursecall;

import org.vigil.alerts.AlertKind;

import java.util.Map;
import java.util.Set;
import org.vigil.alerts.Alert;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertPriority;

/**
 * Turns delivery problems into Vigil technical alerts, so the dashboard shows that the nurse call
 * did not get an alert. These alerts are not themselves sent to the nurse call (they are about it).
 */
final class NurseCallAlerts implements DeliveryProblems {
    public static final AlertKind REJECTED = AlertKind.NURSE_CALL_REJECTED;
    public static final AlertKind OFFLINE = AlertKind.NURSE_CALL_OFFLINE;
    public static final String RULE = "nurse-call";
    static final Set<AlertKind> KINDS = Set.of(REJECTED, OFFLINE);
    /** A lost path to the nurses' phones is as serious as the alerts it carries. */
    private static final AlertPriority PRIORITY = AlertPriority.HIGH;

    private final AlertManager alerts;

    NurseCallAlerts(AlertManager alerts) {
        this.alerts = alerts;
    }

    @Override
    public void rejected(OutboxEntry e, Ack ack) {
        // Stays open until a person resolves it: the rejected alert may never have reached a phone.
        alerts.raise(e.bed(), REJECTED, RULE, PRIORITY, e.t(), Map.of(),
                "nurse call rejected the " + e.phase().wire() + " of " + e.kind() + " alert " + e.alertId() + " ("
                        + ack.code() + (ack.text() == null ? "" : ": " + ack.text()) + ")", true);
    }

    @Override
    public void offline(OutboxEntry e, String error) {
        alerts.raise(e.bed(), OFFLINE, RULE, PRIORITY, e.t(), Map.of(),
                "nurse call unreachable: " + e.kind() + " alert " + e.alertId() + " waiting since " + e.queuedAt()
                        + " (" + error + ")", false);
    }

    @Override
    public void delivered(OutboxEntry e) {
        for (Alert a : alerts.openAlerts()) {
            if (a.kind().equals(OFFLINE)) alerts.conditionEnded(a.id(), a.raisedT(), "nurse call reachable again");
        }
    }
}
