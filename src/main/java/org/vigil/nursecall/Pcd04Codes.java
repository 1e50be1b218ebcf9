package org.vigil.nursecall;

import java.util.Locale;
import java.util.Map;

/**
 * The codes a PCD-04 report carries. Every default is defined here, once.
 *
 * <p>Sources of the defaults: the message profile and {@code MDC_EVT_ALARM} are those of the IHE PCD
 * Technical Framework (ACM profile, PCD-04 "Report Alert"); the attribute codes 68480-68485
 * ({@code MDC_ATTR_ALERT_SOURCE} ... {@code MDC_ATTR_ALERT_TYPE}) are the ones in the IHE PCD
 * example messages and several vendors' captures; other implementations use 68165-68169, hence
 * configurable. ISO/IEEE 11073 MDC has no code for "patient distress" or for a camera's technical
 * conditions, so the event identities are local codes (coding system {@code 99VIGIL}, the HL7 table
 * 0396 convention for local systems).
 *
 * @param profile  MSH-21 message profile identifier (EI: entity^namespace^universal id^type)
 * @param alarm    OBR-4, the observation that is "an alert"
 * @param events   OBX-3 of the alert identity row, by Vigil alert kind
 */
public record Pcd04Codes(String profile, HL7Code alarm, Map<String, HL7Code> events, HL7Code source, HL7Code phase,
                         HL7Code state, HL7Code inactivation, HL7Code priority, HL7Code type) {
    public static final String LOCAL_SYSTEM = "99VIGIL";
    public static final String IHE_PCD_ACM_PROFILE = "IHE_PCD_ACM_001^IHE PCD^1.3.6.1.4.1.19376.1.6.4.4^ISO";

    public static final Pcd04Codes DEFAULT = new Pcd04Codes(
            IHE_PCD_ACM_PROFILE,
            HL7Code.parse("196616^MDC_EVT_ALARM^MDC"),
            Map.of(
                    "distress", local("VIGIL_EVT_PATIENT_DISTRESS", "Patient distress"),
                    "camera-offline", local("VIGIL_EVT_CAMERA_OFFLINE", "Camera offline"),
                    "not-visible", local("VIGIL_EVT_PATIENT_NOT_VISIBLE", "Patient not visible"),
                    "model-failure", local("VIGIL_EVT_ANALYSIS_FAILURE", "Emotion analysis failed"),
                    "edge-offline", local("VIGIL_EVT_EDGE_OFFLINE", "Bedside unit offline")),
            HL7Code.parse("68480^MDC_ATTR_ALERT_SOURCE^MDC"),
            HL7Code.parse("68481^MDC_ATTR_EVENT_PHASE^MDC"),
            HL7Code.parse("68482^MDC_ATTR_ALARM_STATE^MDC"),
            HL7Code.parse("68483^MDC_ATTR_ALARM_INACTIVATION_STATE^MDC"),
            HL7Code.parse("68484^MDC_ATTR_ALARM_PRIORITY^MDC"),
            HL7Code.parse("68485^MDC_ATTR_ALERT_TYPE^MDC"));

    public Pcd04Codes {
        events = Map.copyOf(events);
    }

    /** The identity code of an alert kind; a kind without a configured code gets a local one named after it. */
    public HL7Code event(String kind) {
        HL7Code c = events.get(kind);
        return c != null ? c : local("VIGIL_EVT_" + kind.toUpperCase(Locale.ROOT).replace('-', '_'), kind);
    }

    private static HL7Code local(String id, String text) {
        return new HL7Code(id, text, LOCAL_SYSTEM);
    }
}
