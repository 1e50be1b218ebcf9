package org.vigil.nursecall;

import java.time.Instant;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertTransition;

/**
 * One Vigil alert transition in PCD-04 terms: what the ORU^R40 message says. Made from an
 * {@link org.vigil.alerts.AlertEvent} by {@link ReportMapper}, rendered by {@link Pcd04MessageBuilder}.
 *
 * @param alarmState    IHE ACM alarm state: "active" while open, "inactive" at the end
 * @param inactivation  IHE ACM inactivation state: "enabled", or "alert-acknowledged" once a nurse acknowledged it
 * @param t             stream seconds of the transition (for technical alerts about delivery)
 * @param at            wall time of the transition: MSH-7, OBR-7, OBX-14
 */
public record AlertReport(String alertId, String bed, String kind, boolean technical, AlertTransition transition,
                          AlertPhase phase, String alarmState, String inactivation, AlertPriority priority,
                          double t, Instant at, String message, String actor) {
    public static final String ACTIVE = "active";
    public static final String INACTIVE = "inactive";
    public static final String ENABLED = "enabled";
    public static final String ACKNOWLEDGED = "alert-acknowledged";

    /** PH / PM / PL: IHE ACM alarm priority. */
    public String priorityCode() {
        return switch (priority) {
            case HIGH -> "PH";
            case MEDIUM -> "PM";
            case LOW -> "PL";
        };
    }

    /** SP (physiological: Vigil's patient distress) or ST (technical: camera, visibility, analysis). */
    public String typeCode() {
        return technical ? "ST" : "SP";
    }
}
