package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.AcknowledgmentCode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.nursecall.AlertPhase;
import org.vigil.nursecall.NurseCallListener;
import org.vigil.nursecall.Pcd04Codes;
import org.vigil.nursecall.ReceivedAlert;
import org.vigil.testing.SharedFiles;

/**
 * End to end as a hospital would see it: the monitor watches the real crying clip, its rules raise a
 * distress alert, and the nurse-call receiver (HAPI's MLLP server on loopback) gets it as ORU^R40
 * reports: start first, end when the episode is over, nothing twice.
 */
class NurseCallCryingClipTest {

    @Test
    @Timeout(300)
    void theCryingClipsDistressAlertReachesTheNurseCallAsStartThenEnd(@TempDir Path tmp) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LinkedBlockingQueue<NurseCallListener.Received> received = new LinkedBlockingQueue<>();
        Path config = Files.createDirectories(tmp.resolve("alerts-config"));
        // A short rule, so that the 19.7 s clip (read as sad for its first seconds) raises and ends an episode.
        Files.writeString(config.resolve("rules.yaml"),
                "version: 1\nrules:\n  - {id: distress, emotions: [angry, sad], start: 0.5, end: 0.4, persist: 3s, clear_after: 2s}\n");
        Files.writeString(config.resolve("integrations.yaml"), """
                version: 1
                nurse_call:
                  enabled: true
                  host: 127.0.0.1
                  port: %d
                  ack_timeout: 2s
                  retry: {first: 200ms, max: 1s}
                """.formatted(port));
        String clip = SharedFiles.require("data/videos/pyfeat_WolfgangLanger_Pexels.mp4").toString();
        try (NurseCallListener listener = new NurseCallListener(port, a -> AcknowledgmentCode.AA, received::add).start()) {
            MonitorCommandTest.Run r = MonitorCommandTest.run("monitor", "--headless", "--fast", "--source", clip, "--bed", "bed-1",
                    "--rules", config.toString(), "--alerts-db", tmp.resolve("alerts.db").toString(), "--out", "none");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.lines()).as("the monitor raised a distress alert")
                    .anyMatch(l -> l.get("type").asText().equals("alert") && l.get("kind").asText().equals("distress")
                            && l.get("transition").asText().equals("raised"));
            List<ReceivedAlert> got = new ArrayList<>();
            NurseCallListener.Received x;
            while ((x = received.poll(5, TimeUnit.SECONDS)) != null) {
                assertThat(x.duplicate()).as("duplicate report %s", x.hl7()).isFalse();
                got.add(x.alert());
            }
            Pcd04Codes codes = Pcd04Codes.DEFAULT;
            List<ReceivedAlert> distress = got.stream().filter(a -> a.attribute(codes.type()) != null
                    && a.attribute(codes.type()).equals("SP")).toList();
            assertThat(distress).as("distress reports received: %s", got).isNotEmpty();
            String id = distress.get(0).alertId();
            List<AlertPhase> phases = distress.stream().filter(a -> a.alertId().equals(id)).map(a -> a.phase(codes)).toList();
            assertThat(phases.get(0)).isEqualTo(AlertPhase.START);
            assertThat(phases.get(phases.size() - 1)).isEqualTo(AlertPhase.END);
            assertThat(distress.get(0).location()).contains("bed-1");
        }
    }
}
