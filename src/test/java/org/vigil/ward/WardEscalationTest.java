package org.vigil.ward;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * The central station escalates what no edge can, with real processes (central with its embedded broker
 * and SQLite store, an edge replaying scores, each in its own JVM) and short escalation steps: an edge
 * with an open, unacknowledged alert is killed with SIGKILL and the central takes step 1 on time; the
 * central is then killed too and restarted, and takes step 2 counted from the alert's stored raise (not
 * from its restart); the central's own edge-offline alert escalates as well; the alert a nurse
 * acknowledged never does.
 */
class WardEscalationTest {
    static final double STEP1_S = 15;
    static final double STEP2_S = 30;
    static final String RULES = WardTestKit.RULES.replace("cooldown: 0}", "cooldown: 0,\n"
            + "      escalation: [{after: 15s, to: charge-nurse, priority: high}, {after: 30s, to: ward-manager}]}");

    @Test
    @Timeout(300)
    void theCentralEscalatesADeadEdgesAlertOnTimeAcrossItsOwnRestart(@TempDir Path dir) throws Exception {
        long t0 = System.nanoTime();
        int port = WardTestKit.freePort();
        Path config = Files.createDirectories(dir.resolve("central-config"));
        Files.writeString(config.resolve("rules.yaml"), RULES);
        WardTopics topics = new WardTopics("site", "w5");
        Path ward = WardTestKit.wardFile(dir, "room-5", "w5", "bed-51", "bed-52");
        Path scores = WardTestKit.timeline(dir, new String[] {"bed-51", "bed-52"}, new double[] {0, 0}, 300);
        Path db = dir.resolve("central.db");
        String[] centralArgs = {"central", "--ward-config", config.toString(), "--listen", "127.0.0.1:" + port, "--db", db.toString(),
                "--ward", "w5"};
        String open;
        String acked;
        Instant central2Started;
        try (Role central = new Role(dir, "central-1", centralArgs)) {
            assertThat(central.awaitLog("central-w5: connected", 150)).as(central.log()).isTrue();
            try (Observer obs = new Observer(port, topics.base() + "/#");
                 Role edge = new Role(dir, "edge", "edge", "--ward", ward.toString(), "--broker", "tcp://127.0.0.1:" + port,
                         "--scores", scores.toString(), "--state", dir.resolve("edge").toString(), "--rules", config.toString())) {
                open = raised(obs, topics, "bed-51", edge);
                acked = raised(obs, topics, "bed-52", edge);
                obs.publish(topics.commands(), new WardMessages.Command("ack", acked, "nurse-anna", "station-1", null), false);
                assertThat(obs.await(m -> m.topic().equals(topics.alertState(acked)) && m.payload().contains("\"state\":\"ACKNOWLEDGED\""), 20))
                        .as(central.log()).isPresent();
                // 1. The edge dies before its own engine took step 1: nobody but the central can escalate now.
                edge.kill();
                System.out.printf("[%.1f s] both alerts raised, bed-52's acknowledged; kill -9 edge%n", (System.nanoTime() - t0) / 1e9);
                Optional<Msg> step1 = obs.await(m -> m.topic().equals(topics.alertState(open)) && m.payload().contains("\"escalationLevel\":1"), 60);
                assertThat(step1).as(central.log()).isPresent();
                assertThat(step1.get().payload()).contains("\"recipient\":\"charge-nurse\"", "\"priority\":\"HIGH\"", "\"state\":\"ESCALATED\"");
                System.out.printf("[%.1f s] step 1 published; kill -9 central%n", (System.nanoTime() - t0) / 1e9);
            }
            // 2. The central dies too (its embedded broker with it: the edge's Last Will is gone).
            central.kill();
        }
        central2Started = Instant.now();
        try (Role central2 = new Role(dir, "central-2", centralArgs)) {
            assertThat(central2.awaitLog("central-w5: connected", 150)).as(central2.log()).isTrue();
            try (Observer obs = new Observer(port, topics.base() + "/#")) {
                Optional<Msg> step2 = obs.await(m -> m.topic().equals(topics.alertState(open)) && m.payload().contains("\"escalationLevel\":2"), 60);
                assertThat(step2).as(central2.log()).isPresent();
                assertThat(step2.get().payload()).contains("\"recipient\":\"ward-manager\"", "\"priority\":\"HIGH\"");
                System.out.printf("[%.1f s] step 2 published by the restarted central%n", (System.nanoTime() - t0) / 1e9);
                // the central's own edge-offline alert of bed-51 escalates too (the distress rule's steps; both may be due by now)
                assertThat(obs.await(m -> m.topic().startsWith(topics.base() + "/alert/") && m.payload().contains("\"kind\":\"edge-offline\"")
                        && m.payload().contains("\"bed\":\"bed-51\"") && m.payload().matches(".*\"escalationLevel\":[12][,}].*"), 30))
                        .as(central2.log()).isPresent();
            }
            try (AlertStore store = new AlertStore(db)) {
                // bed-52's acknowledged alert: give it past its step 2 plus two ticks before looking
                Instant ackedPast = store.alert(acked).orElseThrow().raisedAt().plusMillis((long) (STEP2_S * 1000) + 2000);
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), ackedPast).toMillis()));
                List<AlertEvent> events = store.events(null, Instant.EPOCH, Instant.now().plusSeconds(60));
                Alert a = store.alert(open).orElseThrow();
                List<AlertEvent> steps = events.stream().filter(e -> e.alertId().equals(open) && e.transition() == AlertTransition.ESCALATED).toList();
                assertThat(steps).as("two steps, each once, both the central's").hasSize(2);
                assertThat(steps.get(0).message()).as("central 1 had the edge's Last Will")
                        .endsWith("escalated to charge-nurse (by the central station: edge box room-5 is offline)");
                assertThat(steps.get(1).message()).as("central 2 knows it from the open edge-offline alert")
                        .endsWith("escalated to ward-manager (by the central station: the bed's edge box is offline)");
                double s1 = Duration.between(a.raisedAt(), steps.get(0).at()).toMillis() / 1000.0;
                double s2 = Duration.between(a.raisedAt(), steps.get(1).at()).toMillis() / 1000.0;
                System.out.printf("steps at %.1f s and %.1f s after the raise; central 2 started %.1f s after it%n", s1, s2,
                        Duration.between(a.raisedAt(), central2Started).toMillis() / 1000.0);
                assertThat(s1).as("step 1 not before its time").isGreaterThanOrEqualTo(STEP1_S);
                assertThat(s2).as("step 2 not before its time").isGreaterThanOrEqualTo(STEP2_S);
                assertThat(steps.get(1).at()).as("step 2 counted from the stored raise, not from the restart")
                        .isBefore(central2Started.plusMillis((long) (STEP2_S * 1000)));
                assertThat(steps.get(0).message()).startsWith("unacknowledged for ");
                // 3. The acknowledged alert never escalated, though both its steps are long past.
                assertThat(events).filteredOn(e -> e.alertId().equals(acked)).extracting(AlertEvent::transition)
                        .containsExactly(AlertTransition.RAISED, AlertTransition.ACKNOWLEDGED);
                List<AlertEvent> offline = events.stream().filter(e -> e.kind() == AlertKind.EDGE_OFFLINE && e.bed().equals("bed-51")).toList();
                assertThat(offline).extracting(AlertEvent::transition).as("the edge-offline alert's steps, each once")
                        .startsWith(AlertTransition.RAISED, AlertTransition.ESCALATED).doesNotContain(AlertTransition.RESOLVED).hasSizeBetween(2, 3);
                Instant offlineAt = offline.get(0).at();
                assertThat(offline.subList(1, offline.size())).allSatisfy(e -> assertThat(Duration.between(offlineAt, e.at()).toMillis())
                        .as("not before step 1 of its own raise").isGreaterThanOrEqualTo((long) (STEP1_S * 1000)));
            }
        }
    }

    /** Waits for the bed's distress alert raised at the central; its id. */
    private static String raised(Observer obs, WardTopics topics, String bed, Role edge) throws Exception {
        Optional<Msg> m = obs.await(x -> x.topic().startsWith(topics.base() + "/alert/") && x.payload().contains("\"bed\":\"" + bed + "\"")
                && x.payload().contains("\"kind\":\"distress\"") && x.payload().contains("\"state\":\"RAISED\""), 60);
        assertThat(m).as(edge.log()).isPresent();
        return WardCodec.decode(m.get().topic(), m.get().payload().getBytes(), WardMessages.AlertState.class).alertId();
    }
}
