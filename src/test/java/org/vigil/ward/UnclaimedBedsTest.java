package org.vigil.ward;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.Alert;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertPriority;
import org.vigil.app.AlertSystem;
import org.vigil.app.Vigil;
import org.vigil.rules.AlarmEngine;
import org.vigil.rules.ConfigLoader;

/**
 * An edge that died while the central station (and its embedded broker, holding the Last Wills) was down
 * leaves open alerts nobody watches: after the grace the restarted central raises "edge offline" for
 * their beds, and not for beds whose edge came back.
 */
class UnclaimedBedsTest {
    @Test
    @Timeout(90)
    void bedsWithOpenAlertsThatNoEdgeClaimsAfterARestartAreReportedUnwatched(@TempDir Path dir) throws Exception {
        int port = WardTestKit.freePort();
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("rules.yaml"), WardTestKit.RULES);
        WardTopics topics = new WardTopics("site", "w9");
        Clock clock = Clock.systemUTC();
        // Before the restart: open distress alerts of two beds, stored by the central as its edges sent them.
        try (AlertSystem earlier = Vigil.openAlerts(config, dir.resolve("central.db"))) {
            earlier.alerts().raise("bed-91", AlertKind.DISTRESS, "distress", AlertPriority.MEDIUM, 10, Map.of("sad", 0.8), "sad", false);
            earlier.alerts().raise("bed-92", AlertKind.DISTRESS, "distress", AlertPriority.MEDIUM, 10, Map.of("sad", 0.8), "sad", false);
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerAddress.listen("127.0.0.1:" + port));
             AlertSystem alerts = Vigil.openAlerts(config, dir.resolve("central.db"));
             CentralStation station = new CentralStation(topics, broker.address(), "central-w9", alerts.alerts(), alerts.config(), clock)
                     .claimGrace(Duration.ofSeconds(6)).start();
             AlertManager edgeAlerts = AlertManager.inMemory(clock);
             EdgeOutbox outbox = new EdgeOutbox(null)) {
            // bed-92's edge comes back; bed-91's edge died while the central was down and never will.
            AlarmEngine engine = new AlarmEngine(ConfigLoader.parse("rules.yaml", WardTestKit.RULES), edgeAlerts, clock);
            EdgeNode edge = new EdgeNode(topics, "room-92", List.of("bed-92"), broker.address(), 10, edgeAlerts, outbox,
                    EdgeConfig.inMemory(engine, Map.of("rules.yaml", WardTestKit.RULES)), clock).start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (alerts.alerts().openFor("bed-91", AlertKind.EDGE_OFFLINE, CentralStation.LINK_RULE).isEmpty() && System.nanoTime() < until) {
                Thread.sleep(200);
            }
            assertThat(alerts.alerts().openFor("bed-91", AlertKind.EDGE_OFFLINE, CentralStation.LINK_RULE))
                    .as("the bed whose edge never came back is reported unwatched").isPresent()
                    .get().extracting(Alert::priority).isEqualTo(AlertPriority.HIGH);
            assertThat(station.edges()).containsKey("room-92");
            assertThat(alerts.alerts().openFor("bed-92", AlertKind.EDGE_OFFLINE, CentralStation.LINK_RULE))
                    .as("the bed whose edge came back is watched").isEmpty();
            // When the lost edge does come back, its presence ends the technical alert.
            try (AlertManager lateAlerts = AlertManager.inMemory(clock); EdgeOutbox lateOutbox = new EdgeOutbox(null)) {
                AlarmEngine lateEngine = new AlarmEngine(ConfigLoader.parse("rules.yaml", WardTestKit.RULES), lateAlerts, clock);
                EdgeNode late = new EdgeNode(topics, "room-91", List.of("bed-91"), broker.address(), 10, lateAlerts, lateOutbox,
                        EdgeConfig.inMemory(lateEngine, Map.of("rules.yaml", WardTestKit.RULES)), clock).start();
                until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (alerts.alerts().openFor("bed-91", AlertKind.EDGE_OFFLINE, CentralStation.LINK_RULE).isPresent()
                        && System.nanoTime() < until) {
                    Thread.sleep(200);
                }
                assertThat(alerts.alerts().openFor("bed-91", AlertKind.EDGE_OFFLINE, CentralStation.LINK_RULE)).isEmpty();
                late.close();
            }
            edge.close();
        }
    }
}
