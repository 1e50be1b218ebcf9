package org.vigil.nursecall;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertTransition;

class NurseCallMessageTest {
    static final String ID = "3f2a9b1c-1111-2222-3333-444455556666";
    static final Instant AT = Instant.parse("2026-12-01T10:15:30Z");

    private final NurseCallConfig config = new NurseCallConfig(true, "127.0.0.1", 2575, false, NurseCallConfig.DEFAULT_CONNECT_TIMEOUT,
            NurseCallConfig.DEFAULT_ACK_TIMEOUT, NurseCallConfig.DEFAULT_RETRY_FIRST, NurseCallConfig.DEFAULT_RETRY_MAX,
            NurseCallConfig.DEFAULT_OFFLINE_ALERT_AFTER, null, "VIGIL", "0012340000000001", "WARD3", "ALARM-MGR", "HOSP",
            Map.of("bed-1", new BedLocation("WARD3", "301", "1", "HOSP", "MRN12345", "HOSP", "Doe^Jane")), Pcd04Codes.DEFAULT);

    @Test
    void segmentBySegment() {
        String hl7 = new Pcd04MessageBuilder(config).build(report("bed-1", "distress", AlertPhase.START, "sad | angry 0.8"), "3f2a9b1c.7");
        assertThat(hl7.split("\r")).containsExactly(
                "MSH|^~\\&|VIGIL^0012340000000001^EUI-64|WARD3|ALARM-MGR|HOSP|20261201101530+0000||ORU^R40^ORU_R40|3f2a9b1c.7|P|2.6|||AL|NE||UNICODE UTF-8|||IHE_PCD_ACM_001^IHE PCD^1.3.6.1.4.1.19376.1.6.4.4^ISO",
                "PID|1||MRN12345^^^HOSP^MR||Doe^Jane^^^^^L",
                "PV1||I|WARD3^301^1^HOSP",
                "OBR|1||" + ID + "^VIGIL^0012340000000001^EUI-64|196616^MDC_EVT_ALARM^MDC|||20261201101530+0000",
                "OBX|1|ST|VIGIL_EVT_PATIENT_DISTRESS^Patient distress^99VIGIL|1.0.0.0.1|sad \\F\\ angry 0.8||||||F|||20261201101530+0000",
                "OBX|2|ST|68480^MDC_ATTR_ALERT_SOURCE^MDC|1.0.0.0.2|VIGIL bed-1||||||F",
                "OBX|3|ST|68481^MDC_ATTR_EVENT_PHASE^MDC|1.0.0.0.3|start||||||F",
                "OBX|4|ST|68482^MDC_ATTR_ALARM_STATE^MDC|1.0.0.0.4|active||||||F",
                "OBX|5|ST|68483^MDC_ATTR_ALARM_INACTIVATION_STATE^MDC|1.0.0.0.5|enabled||||||F",
                "OBX|6|ST|68484^MDC_ATTR_ALARM_PRIORITY^MDC|1.0.0.0.6|PH||||||F",
                "OBX|7|ST|68485^MDC_ATTR_ALERT_TYPE^MDC|1.0.0.0.7|SP||||||F");
    }

    @Test
    void parsesBackWithHapiAsTheReceiverDoes() throws Exception {
        String hl7 = new Pcd04MessageBuilder(config).build(report("bed-7", "camera-offline", AlertPhase.END, "no frames"), "c.1");
        // What HAPI's MLLP server hands a receiving application: a generic v2.6 message (no ORU_R40 class).
        Message generic = HapiContexts.create().getPipeParser().parse(hl7);
        Terser t = new Terser(generic);
        assertThat(t.get("/MSH-9-2")).isEqualTo("R40");
        assertThat(t.get("/MSH-21-1")).isEqualTo("IHE_PCD_ACM_001");
        ReceivedAlert a = ReceivedAlert.parse(generic.encode());
        assertThat(a.alertId()).isEqualTo(ID);
        assertThat(a.location()).as("an unmapped bed is named in PV1-3.3").isEqualTo("^^bed-7");
        assertThat(a.patientId()).isNull();
        assertThat(a.event()).isEqualTo(Pcd04Codes.DEFAULT.event("camera-offline"));
        assertThat(a.phase(Pcd04Codes.DEFAULT)).isEqualTo(AlertPhase.END);
        assertThat(a.attribute(Pcd04Codes.DEFAULT.type())).isEqualTo("ST");
        assertThat(a.attribute(Pcd04Codes.DEFAULT.priority())).isEqualTo("PH");
    }

    @Test
    void phasesFollowTheLifecycle() {
        java.util.Set<String> started = new java.util.HashSet<>();
        ReportMapper m = new ReportMapper(started::contains);
        List<AlertReport> rs = new java.util.ArrayList<>();
        for (AlertTransition tr : List.of(AlertTransition.RAISED, AlertTransition.ESCALATED, AlertTransition.ACKNOWLEDGED,
                AlertTransition.RAISED, AlertTransition.ACKNOWLEDGED, AlertTransition.RESOLVED)) {
            AlertReport r = m.map(new AlertEvent(ID, "bed-1", org.vigil.alerts.AlertKind.DISTRESS, AlertPriority.MEDIUM, tr, 1, AT, Map.of(), "distress", "m", "system"));
            if (r.phase() == AlertPhase.START) started.add(ID); // what the outbox records
            rs.add(r);
        }
        assertThat(rs).extracting(r -> r.phase().wire() + "/" + r.alarmState() + "/" + r.inactivation()).containsExactly(
                "start/active/enabled", "continue/active/enabled", "continue/active/alert-acknowledged",
                "continue/active/enabled", "continue/active/alert-acknowledged", "end/inactive/alert-acknowledged");
    }

    private static AlertReport report(String bed, String kind, AlertPhase phase, String message) {
        boolean technical = !kind.equals("distress");
        return new AlertReport(ID, bed, kind, technical, AlertTransition.RAISED, phase,
                phase == AlertPhase.END ? AlertReport.INACTIVE : AlertReport.ACTIVE, AlertReport.ENABLED, AlertPriority.HIGH, 1, AT, message, "system");
    }
}
