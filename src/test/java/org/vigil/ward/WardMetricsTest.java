package org.vigil.ward;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.AlertManager;
import org.vigil.app.AlertSystem;
import org.vigil.app.Vigil;
import org.vigil.metrics.VigilMetrics;
import org.vigil.rules.AlarmEngine;
import org.vigil.rules.ConfigLoader;

/** The ward's series on /metrics follow the real broker connection, outbox and edge presence. */
class WardMetricsTest {
    @Test
    @Timeout(120)
    void brokerConnectionOutboxAndEdgesAreOnTheScrape(@TempDir Path dir) throws Exception {
        int port = WardTestKit.freePort();
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("rules.yaml"), WardTestKit.RULES);
        WardTopics topics = new WardTopics("site", "w7");
        Clock clock = Clock.systemUTC();
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerAddress.listen("127.0.0.1:" + port));
             AlertSystem alerts = Vigil.openAlerts(config, dir.resolve("central.db"));
             CentralStation central = new CentralStation(topics, broker.address(), "central-w7", alerts.alerts(), alerts.config(), clock).start();
             AlertManager edgeAlerts = AlertManager.inMemory(clock);
             EdgeOutbox outbox = new EdgeOutbox(dir.resolve("outbox.db"));
             VigilMetrics centralMeters = new VigilMetrics().bindAlerts(alerts.alerts());
             VigilMetrics edgeMeters = new VigilMetrics().bindAlerts(edgeAlerts)) {
            WardMetrics.central(centralMeters, central);
            AlarmEngine engine = new AlarmEngine(ConfigLoader.parse("rules.yaml", WardTestKit.RULES), edgeAlerts, clock);
            EdgeNode edge = new EdgeNode(topics, "room-7", List.of("bed-71", "bed-72"), broker.address(), 10, edgeAlerts, outbox,
                    EdgeConfig.inMemory(engine, Map.of("rules.yaml", WardTestKit.RULES)), clock);
            WardMetrics.edge(edgeMeters, edge);
            assertThat(edgeMeters.scrape()).contains("vigil_ward_broker_connected{edge=\"room-7\",role=\"edge\"} 0.0");
            edge.start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(edge.connected() && central.edges().containsKey("room-7")) && System.nanoTime() < until) Thread.sleep(100);

            assertThat(edgeMeters.scrape()).contains("vigil_ward_broker_connected{edge=\"room-7\",role=\"edge\"} 1.0")
                    .contains("vigil_ward_outbox_depth{edge=\"room-7\"} 0.0");
            assertThat(centralMeters.scrape()).contains("vigil_ward_broker_connected{role=\"central\"} 1.0")
                    .contains("vigil_ward_edges{presence=\"online\"} 1.0")
                    .contains("vigil_ward_edges{presence=\"offline\"} 0.0");
            edge.close();
            until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!centralMeters.scrape().contains("vigil_ward_edges{presence=\"offline\"} 1.0") && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(centralMeters.scrape()).as("a closed edge counts as offline")
                    .contains("vigil_ward_edges{presence=\"offline\"} 1.0").contains("vigil_ward_edges{presence=\"online\"} 0.0");
        }
    }
}
