package org.vigil.nursecall;

import org.vigil.alerts.AlertKind;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.AcknowledgmentCode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.Alert;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertStore;

/** Real MLLP over loopback: Vigil's AlertManager -> outbox -> sender -> HAPI's MLLP server (NurseCallListener). */
@Timeout(60)
class NurseCallDeliveryTest {
    static final String CONFIG = """
            version: 1
            nurse_call:
              enabled: true
              host: 127.0.0.1
              port: %d
              ack_timeout: 2s
              retry: {first: 200ms, max: 1s}
              offline_alert_after: 1s
              sender: {application: VIGIL, device_id: 0012340000000001, facility: WARD3}
              receiver: {application: ALARM-MGR, facility: HOSP}
              locations:
                bed-1: {ward: WARD3, room: "301", bed: "1", facility: HOSP, patient_id: MRN12345, patient_authority: HOSP, patient_name: Doe^Jane}
              codes:
                phase: 68165^MDC_ATTR_EVENT_PHASE^MDC
                events:
                  distress: X-DISTRESS^Patient in distress^99TEST
            """;

    @TempDir Path dir;
    private final BlockingQueue<NurseCallListener.Received> received = new LinkedBlockingQueue<>();
    private NurseCallListener listener;
    private NurseCallIntegration integration;
    private AlertManager alerts;

    @AfterEach
    void tearDown() {
        if (integration != null) integration.close(Duration.ZERO);
        if (listener != null) listener.close();
        if (alerts != null) alerts.close();
    }

    @Test
    void raiseAcknowledgeResolveArriveAsStartContinueEndWithTheConfiguredCodes() throws Exception {
        int port = freePort();
        NurseCallConfig cfg = config(port);
        listener = listen(port, a -> AcknowledgmentCode.AA);
        alerts = AlertManager.inMemory(Clock.systemUTC());
        integration = NurseCallIntegration.start(cfg, alerts, null, Clock.systemUTC());

        AlertEvent raised = alerts.raise("bed-1", AlertKind.DISTRESS, "distress", AlertPriority.HIGH, 12.5, Map.of("sad", 0.8),
                "lasting sad expression", false).orElseThrow();
        alerts.acknowledge(raised.alertId(), "nurse.kim");
        alerts.resolve(raised.alertId(), "nurse.kim", "patient comforted");

        List<ReceivedAlert> got = take(3);
        Pcd04Codes codes = cfg.codes();
        assertThat(got).extracting(ReceivedAlert::alertId).containsOnly(raised.alertId());
        assertThat(got).extracting(a -> a.phase(codes)).containsExactly(AlertPhase.START, AlertPhase.CONTINUE, AlertPhase.END);
        assertThat(got).extracting(a -> a.attribute(codes.inactivation()))
                .containsExactly("enabled", "alert-acknowledged", "alert-acknowledged");
        assertThat(got).extracting(a -> a.attribute(codes.state())).containsExactly("active", "active", "inactive");
        ReceivedAlert start = got.get(0);
        assertThat(start.messageType()).isEqualTo("ORU^R40^ORU_R40");
        assertThat(start.profile()).isEqualTo(Pcd04Codes.IHE_PCD_ACM_PROFILE);
        assertThat(start.sendingApplication()).isEqualTo("VIGIL^0012340000000001^EUI-64");
        assertThat(start.patientId()).isEqualTo("MRN12345");
        assertThat(start.location()).isEqualTo("WARD3^301^1^HOSP");
        assertThat(start.alarm()).isEqualTo(HL7Code.parse("196616^MDC_EVT_ALARM^MDC"));
        assertThat(start.event()).isEqualTo(HL7Code.parse("X-DISTRESS^Patient in distress^99TEST"));
        assertThat(start.text()).isEqualTo("lasting sad expression");
        assertThat(start.attribute(HL7Code.parse("68165^MDC_ATTR_EVENT_PHASE^MDC"))).isEqualTo("start");
        assertThat(start.attribute(codes.priority())).isEqualTo("PH");
        assertThat(start.attribute(codes.type())).isEqualTo("SP");
        assertThat(start.attribute(codes.source())).isEqualTo("VIGIL bed-1");
        awaitSettled();
    }

    @Test
    void receiverDownForAWhileThenBackGetsEveryReportOnceInOrder() throws Exception {
        int port = freePort();
        Path alertDb = dir.resolve("alerts.db");
        alerts = new AlertManager(new AlertStore(alertDb), Clock.systemUTC());
        integration = NurseCallIntegration.start(config(port), alerts, alertDb, Clock.systemUTC());

        // The receiver is down for 30 s: dozens of back-off rounds (capped at 1 s here) and the offline alert.
        AlertEvent a = alerts.raise("bed-1", AlertKind.DISTRESS, "distress", AlertPriority.MEDIUM, 1, Map.of(), "distress", false).orElseThrow();
        AlertEvent b = alerts.raise("bed-2", AlertKind.CAMERA_OFFLINE, "technical", AlertPriority.MEDIUM, 2, Map.of(), "no frames", false).orElseThrow();
        alerts.acknowledge(a.alertId(), "nurse.kim");
        alerts.conditionEnded(b.alertId(), 3, "frames again");
        alerts.resolve(a.alertId(), "nurse.kim", null);
        Thread.sleep(30_000);
        assertThat(received).isEmpty();
        assertThat(integration.outbox().pending()).isEqualTo(5);
        assertThat(openKinds()).contains(NurseCallAlerts.OFFLINE);

        listener = listen(port, x -> AcknowledgmentCode.AA);
        List<ReceivedAlert> got = take(5);
        Pcd04Codes codes = config(port).codes();
        assertThat(got).extracting(x -> x.alertId() + " " + x.attribute(codes.phase())).containsExactly(
                a.alertId() + " start", b.alertId() + " start", a.alertId() + " continue", b.alertId() + " end", a.alertId() + " end");
        assertThat(got.get(1).attribute(codes.type())).isEqualTo("ST");
        assertThat(got).extracting(ReceivedAlert::controlId).doesNotHaveDuplicates();
        assertThat(received.poll(1500, TimeUnit.MILLISECONDS)).as("nothing more, no duplicate").isNull();
        awaitSettled();
        assertThat(openKinds()).as("the offline alert resolves once the nurse call answers").doesNotContain(NurseCallAlerts.OFFLINE);
    }

    @Test
    void reportsQueuedBeforeARestartAreDeliveredAfterIt() throws Exception {
        int port = freePort();
        Path alertDb = dir.resolve("alerts.db");
        alerts = new AlertManager(new AlertStore(alertDb), Clock.systemUTC());
        integration = NurseCallIntegration.start(config(port), alerts, alertDb, Clock.systemUTC());
        AlertEvent a = alerts.raise("bed-1", AlertKind.DISTRESS, "distress", AlertPriority.MEDIUM, 1, Map.of(), "distress", false).orElseThrow();
        alerts.acknowledge(a.alertId(), "nurse.kim");
        integration.close(Duration.ZERO);
        alerts.close();

        // "Restart": a new manager and integration on the same files, the receiver now up.
        listener = listen(port, x -> AcknowledgmentCode.AA);
        alerts = new AlertManager(new AlertStore(alertDb), Clock.systemUTC());
        integration = NurseCallIntegration.start(config(port), alerts, alertDb, Clock.systemUTC());
        List<ReceivedAlert> got = take(2);
        assertThat(got).extracting(x -> x.attribute(config(port).codes().phase())).containsExactly("start", "continue");
        // The outbox remembers that the alert started: a re-raise after the restart continues it.
        alerts.noteTime("bed-1", 50);
        alerts.reraise(a.alertId(), 50, "still distressed");
        assertThat(take(1).get(0).attribute(config(port).codes().phase())).isEqualTo("continue");
    }

    @Test
    void anErrorAnswerBecomesATechnicalAlertAndLaterReportsStillGo() throws Exception {
        int port = freePort();
        listener = listen(port, x -> x.text().contains("reject me") ? AcknowledgmentCode.AE : AcknowledgmentCode.AA);
        alerts = AlertManager.inMemory(Clock.systemUTC());
        integration = NurseCallIntegration.start(config(port), alerts, null, Clock.systemUTC());
        AlertEvent bad = alerts.raise("bed-1", AlertKind.DISTRESS, "distress", AlertPriority.HIGH, 1, Map.of(), "reject me", false).orElseThrow();
        AlertEvent good = alerts.raise("bed-2", AlertKind.NOT_VISIBLE, "technical", AlertPriority.LOW, 2, Map.of(), "no face", false).orElseThrow();
        List<ReceivedAlert> got = take(2);
        assertThat(got).extracting(ReceivedAlert::alertId).containsExactly(bad.alertId(), good.alertId());

        Alert tech = awaitOpen(NurseCallAlerts.REJECTED);
        assertThat(tech.bed()).isEqualTo("bed-1");
        assertThat(tech.priority()).isEqualTo(AlertPriority.HIGH);
        assertThat(tech.message()).contains(bad.alertId()).contains("AE: rejected by the test listener");
        assertThat(integration.outbox().states()).anyMatch(s -> s.contains(bad.alertId() + " START REJECTED AE"));
        assertThat(received.poll(1000, TimeUnit.MILLISECONDS)).as("the technical alert about the link is not sent over it").isNull();
    }

    // ---------------------------------------------------------------------------------------------

    private NurseCallConfig config(int port) throws Exception {
        return IntegrationsConfigLoader.parse("integrations.yaml", CONFIG.formatted(port)).nurseCall();
    }

    private NurseCallListener listen(int port, Function<ReceivedAlert, AcknowledgmentCode> answer) throws Exception {
        return new NurseCallListener(port, answer, received::add).start();
    }

    private List<ReceivedAlert> take(int n) throws InterruptedException {
        List<ReceivedAlert> out = new java.util.ArrayList<>();
        while (out.size() < n) {
            NurseCallListener.Received r = received.poll(20, TimeUnit.SECONDS);
            assertThat(r).as("report %d of %d", out.size() + 1, n).isNotNull();
            assertThat(r.duplicate()).as("duplicate %s", r.hl7()).isFalse();
            out.add(r.alert());
        }
        return out;
    }

    /** The receiver hands a report on before its ACK reaches the sender: wait for the outbox to catch up. */
    private void awaitSettled() throws Exception {
        for (int i = 0; i < 100 && integration.outbox().pending() > 0; i++) Thread.sleep(50);
        assertThat(integration.outbox().pending()).isZero();
    }

    private List<AlertKind> openKinds() {
        return alerts.openAlerts().stream().map(Alert::kind).toList();
    }

    private Alert awaitOpen(AlertKind kind) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var a = alerts.openAlerts().stream().filter(x -> x.kind().equals(kind)).findFirst();
            if (a.isPresent()) return a.get();
            Thread.sleep(50);
        }
        throw new AssertionError("no open " + kind + " alert");
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
