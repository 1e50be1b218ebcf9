package org.vigil.ward;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.Alert;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertStore;
import org.vigil.alerts.AlertTransition;
import org.vigil.ward.WardTestKit.Msg;
import org.vigil.ward.WardTestKit.Observer;
import org.vigil.ward.WardTestKit.Role;

/**
 * The central station (and with it the embedded broker) is killed with SIGKILL and stays away 20 s
 * while an edge keeps deciding: the alert it raises meanwhile reaches the restarted central exactly
 * once with its original id and times; the alert acknowledged before the crash comes back
 * acknowledged (store) and is published again (retained state re-synced), and the edge, which took
 * the acknowledgement from the central, still has it.
 */
class WardCentralOutageTest {

    @Test
    @Timeout(420)
    void anAlertRaisedWhileTheCentralIsDownArrivesOnceWithItsOriginalTimes(@TempDir Path dir) throws Exception {
        long t0 = System.nanoTime();
        int port = WardTestKit.freePort();
        Path config = Files.createDirectories(dir.resolve("central-config"));
        Files.writeString(config.resolve("rules.yaml"), WardTestKit.RULES);
        WardTopics topics = new WardTopics("site", "w2");
        Path ward = WardTestKit.wardFile(dir, "room-3", "w2", "bed-31", "bed-32");
        // bed-31 distressed from the start; bed-32 from 12 s on (the central is down by then)
        Path scores = WardTestKit.timeline(dir, new String[] {"bed-31", "bed-32"}, new double[] {0, 12}, 300);
        Path centralDb = dir.resolve("central.db");
        String[] centralArgs = {"central", "--ward-config", config.toString(), "--listen", "127.0.0.1:" + port,
                "--db", centralDb.toString(), "--ward", "w2"};
        Role central = new Role(dir, "central-1", centralArgs);
        try (central; Role edge = startEdgeAfter(central, dir, ward, port, scores, config)) {
            String alert1;
            try (Observer obs = new Observer(port, topics.base() + "/#")) {
                Optional<Msg> raised = obs.await(m -> m.topic().startsWith(topics.base() + "/alert/") && m.payload().contains("\"bed\":\"bed-31\"")
                        && m.payload().contains("\"state\":\"RAISED\""), 60);
                assertThat(raised).as(edge.log()).isPresent();
                alert1 = WardCodec.decode(raised.get().topic(), raised.get().payload().getBytes(), WardMessages.AlertState.class).alertId();
                obs.publish(topics.commands(), new WardMessages.Command("ack", alert1, "nurse-anna", "station-1", null), false);
                assertThat(obs.await(m -> m.topic().equals(topics.alertState(alert1)) && m.payload().contains("\"state\":\"ACKNOWLEDGED\""), 20))
                        .as(central.log()).isPresent();
            }
            // The edge took the acknowledgement (its own engine stops escalating).
            assertThat(waitFor(() -> edgeEvents(dir, alert1).stream().anyMatch(e -> e.transition() == AlertTransition.ACKNOWLEDGED
                    && e.actor().equals("nurse-anna at station-1")), 20)).as(edge.log()).isTrue();
            System.out.printf("[%.1f s] alert 1 raised, acknowledged, known at the edge; kill -9 central%n", (System.nanoTime() - t0) / 1e9);

            central.kill();
            long downAt = System.nanoTime();
            // The edge decides alone: bed-32's alert is raised while nobody can hear it.
            assertThat(waitFor(() -> edgeRaised(dir, "bed-32").isPresent(), 40)).as(edge.log()).isTrue();
            AlertEvent alert2 = edgeRaised(dir, "bed-32").orElseThrow();
            Thread.sleep(Math.max(0, 20_000 - (System.nanoTime() - downAt) / 1_000_000));
            System.out.printf("[%.1f s] alert 2 raised at the edge during a %.0f s outage; central restarts%n",
                    (System.nanoTime() - t0) / 1e9, (System.nanoTime() - downAt) / 1e9);

            try (Role central2 = new Role(dir, "central-2", centralArgs)) {
                assertThat(central2.awaitLog("central-w2: connected", 150)).as(central2.log()).isTrue();
                try (Observer late = new Observer(port, topics.base() + "/#")) {
                    // Re-sync from retained state: the acknowledged alert, the edge's presence.
                    assertThat(late.await(m -> m.topic().equals(topics.alertState(alert1))
                            && m.payload().contains("\"ackedBy\":\"nurse-anna at station-1\""), 30)).as(central2.log()).isPresent();
                    assertThat(late.await(m -> m.topic().equals(topics.presence("room-3")) && m.payload().contains("\"online\""), 30))
                            .as(edge.log()).isPresent();
                    Optional<Msg> got2 = late.await(m -> m.topic().equals(topics.alertState(alert2.alertId())), 30);
                    assertThat(got2).as(central2.log() + edge.log()).isPresent();
                }
                System.out.printf("[%.1f s] central has alert 2%n", (System.nanoTime() - t0) / 1e9);
                // Wait until the edge's outbox is drained (receipts), then look at the store.
                assertThat(waitFor(() -> outboxDepth(dir) == 0, 30)).isTrue();
            }
            try (AlertStore store = new AlertStore(centralDb)) {
                List<AlertEvent> events = store.events(null, Instant.EPOCH, Instant.now().plusSeconds(60));
                List<AlertEvent> raised2 = events.stream().filter(e -> e.alertId().equals(alert2.alertId())
                        && e.transition() == AlertTransition.RAISED).toList();
                assertThat(raised2).as("alert 2 raised exactly once at the central").hasSize(1);
                assertThat(raised2.get(0).at()).as("with the edge's original time").isEqualTo(alert2.at());
                assertThat(raised2.get(0).t()).isEqualTo(alert2.t());
                // no transition of any edge alert is stored twice
                assertThat(events.stream().filter(e -> e.kind() == AlertKind.DISTRESS)
                        .map(e -> e.alertId() + e.transition() + e.at()).toList()).doesNotHaveDuplicates();
                Alert a1 = store.openAlerts().stream().filter(a -> a.id().equals(alert1)).findFirst().orElseThrow();
                assertThat(a1.state()).isEqualTo(AlertTransition.ACKNOWLEDGED);
                assertThat(a1.ackedBy()).isEqualTo("nurse-anna at station-1");
            }
        }
    }

    private static Role startEdgeAfter(Role central, Path dir, Path ward, int port, Path scores, Path config) throws Exception {
        assertThat(central.awaitLog("central-w2: connected", 150)).as(central.log()).isTrue();
        return new Role(dir, "edge", "edge", "--ward", ward.toString(), "--broker", "tcp://127.0.0.1:" + port, "--scores", scores.toString(),
                "--state", dir.resolve("edge").toString(), "--rules", config.toString());
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static boolean waitFor(Check c, double seconds) throws Exception {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < until) {
            if (c.ok()) return true;
            Thread.sleep(200);
        }
        return c.ok();
    }

    private static List<AlertEvent> edgeEvents(Path dir, String alertId) throws Exception {
        try (AlertStore s = new AlertStore(dir.resolve("edge/alerts.db"))) {
            return s.events(null, Instant.EPOCH, Instant.now().plusSeconds(60)).stream().filter(e -> e.alertId().equals(alertId)).toList();
        }
    }

    private static Optional<AlertEvent> edgeRaised(Path dir, String bed) throws Exception {
        try (AlertStore s = new AlertStore(dir.resolve("edge/alerts.db"))) {
            return s.events(bed, Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
                    .filter(e -> e.transition() == AlertTransition.RAISED).findFirst();
        }
    }

    private static int outboxDepth(Path dir) throws Exception {
        try (EdgeOutbox o = new EdgeOutbox(dir.resolve("edge/outbox.db"))) {
            return o.depth();
        }
    }
}
