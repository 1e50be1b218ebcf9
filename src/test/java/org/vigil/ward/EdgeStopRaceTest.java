package org.vigil.ward;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.AlertManager;
import org.vigil.rules.AlarmEngine;
import org.vigil.rules.ConfigLoader;

/**
 * An edge box stopped while it is still (re)connecting must leave "offline" as its last word at the
 * broker. Its "online" is published once the subscriptions are made; a stop in between used to send
 * "offline" first and "online" after it, and the central then took unwatched beds for watched ones.
 */
class EdgeStopRaceTest {
    @Test
    @Timeout(180)
    void aStopDuringConnectLeavesOfflineRetained(@TempDir Path dir) throws Exception {
        int port = WardTestKit.freePort();
        WardTopics topics = new WardTopics("site", "wr");
        Clock clock = Clock.systemUTC();
        int stoppedWhileConnecting = 0;
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerAddress.listen("127.0.0.1:" + port))) {
            for (int i = 0; i < 20; i++) {
                String edgeId = "room-" + i;
                try (AlertManager alerts = AlertManager.inMemory(clock); EdgeOutbox outbox = new EdgeOutbox(null)) {
                    AlarmEngine engine = new AlarmEngine(ConfigLoader.parse("rules.yaml", WardTestKit.RULES), alerts, clock);
                    EdgeNode edge = new EdgeNode(topics, edgeId, List.of("bed-" + i), broker.address(), 10, alerts, outbox,
                            EdgeConfig.inMemory(engine, Map.of("rules.yaml", WardTestKit.RULES)), clock).start();
                    // stop at the moment the connection is there but the subscriptions may not be
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (!edge.connected() && System.nanoTime() < until) Thread.onSpinWait();
                    edge.close();
                    stoppedWhileConnecting++;
                }
                try (WardTestKit.Observer obs = new WardTestKit.Observer(port, topics.presence(edgeId))) {
                    Optional<WardTestKit.Msg> last = obs.await(m -> m.retained(), 10);
                    assertThat(last).as("retained presence of " + edgeId).isPresent();
                    assertThat(last.get().payload()).as("retained presence of " + edgeId + " after its stop").contains("\"state\":\"offline\"");
                }
            }
        }
        assertThat(stoppedWhileConnecting).isEqualTo(20);
    }
}
