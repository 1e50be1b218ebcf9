package org.vigil.ward;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertStore;
import org.vigil.alerts.AlertTransition;
import org.vigil.app.AlertSystem;
import org.vigil.app.Vigil;
import org.vigil.testing.SharedFiles;
import org.vigil.ward.WardTestKit.Msg;
import org.vigil.ward.WardTestKit.Observer;
import org.vigil.ward.WardTestKit.Role;

/**
 * The real video path, edge to central: an edge process watches the crying clip (capture, detection,
 * the shipped model, rules), raises and ends a distress alert itself, and the central station (here in
 * the test's JVM, with its embedded broker) stores both transitions under the edge's alert id with
 * the edge's times, and sees the bed's state. No image crosses: the messages hold scores and states.
 */
class WardVideoEdgeTest {

    @Test
    @Timeout(300)
    void theCryingClipsAlertTravelsFromTheEdgeToTheCentralStation(@TempDir Path dir) throws Exception {
        Path clip = SharedFiles.require("data/videos/pyfeat_WolfgangLanger_Pexels.mp4");
        int port = WardTestKit.freePort();
        Path config = Files.createDirectories(dir.resolve("central-config"));
        // A short rule, so that the 19.7 s clip (read as sad for its first seconds) raises and ends an episode.
        Files.writeString(config.resolve("rules.yaml"),
                "version: 1\nrules:\n  - {id: distress, emotions: [angry, sad], start: 0.5, end: 0.4, persist: 3s, clear_after: 2s}\n");
        Files.writeString(dir.resolve("room-1.yaml"), "ward: w3\nbeds:\n  - bed: bed-1\n    source: " + clip + "\n");
        WardTopics topics = new WardTopics("site", "w3");
        Path db = dir.resolve("central.db");
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerAddress.listen("127.0.0.1:" + port));
             AlertSystem alerts = Vigil.openAlerts(config, db);
             CentralStation central = new CentralStation(topics, broker.address(), "central-w3", alerts.alerts(), alerts.config(),
                     Clock.systemUTC()).start();
             Observer obs = new Observer(port, topics.base() + "/#");
             Role edge = new Role(dir, "edge", "edge", "--ward", dir.resolve("room-1.yaml").toString(), "--broker", "tcp://127.0.0.1:" + port,
                     "--fast", "--state", dir.resolve("edge").toString(), "--rules", config.toString())) {
            assertThat(edge.process.waitFor(240, TimeUnit.SECONDS)).as(edge.log()).isTrue();
            assertThat(edge.process.exitValue()).as(edge.log()).isZero();

            List<AlertEvent> atEdge;
            try (AlertStore s = new AlertStore(dir.resolve("edge/alerts.db"))) {
                atEdge = s.events("bed-1", Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
                        .filter(e -> e.kind() == AlertKind.DISTRESS).toList();
            }
            assertThat(atEdge).as("the edge raised and ended a distress alert: %s", edge.log())
                    .extracting(AlertEvent::transition).contains(AlertTransition.RAISED, AlertTransition.RESOLVED);
            List<AlertEvent> atCentral;
            try (AlertStore s = new AlertStore(db)) {
                atCentral = s.events("bed-1", Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
                        .filter(e -> e.kind() == AlertKind.DISTRESS).toList();
            }
            assertThat(atCentral).as("the same transitions at the central station, same ids, same times")
                    .extracting(e -> e.alertId() + " " + e.transition() + " " + e.at() + " " + e.t())
                    .containsExactlyElementsOf(atEdge.stream().map(e -> e.alertId() + " " + e.transition() + " " + e.at() + " " + e.t()).toList());
            Optional<Msg> bed = obs.await(m -> m.topic().equals(topics.bed("bed-1")), 5);
            assertThat(bed).isPresent();
            assertThat(bed.get().payload()).contains("\"distress\"").doesNotContain("image").doesNotContain("patient");
            assertThat(central.beds()).containsKey("bed-1");
        }
    }
}
