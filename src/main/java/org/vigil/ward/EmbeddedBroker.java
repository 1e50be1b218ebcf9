package org.vigil.ward;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT 5 broker inside the central station for the one-machine default and tests: HiveMQ CE
 * embedded, one TCP listener on the given address (loopback unless configured), in-memory
 * persistence (the alerts' durability is the edges' outboxes and the central's store), anonymous
 * usage statistics off. Production wards may use any MQTT 5 broker instead (docs/deployment.md).
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    private final EmbeddedHiveMQ hivemq;
    private final BrokerAddress address;
    private final Path home;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, BrokerAddress address, Path home) {
        this.hivemq = hivemq;
        this.address = address;
        this.home = home;
    }

    /** Starts listening on {@code listen} (host:port). @throws IllegalStateException when it cannot */
    public static EmbeddedBroker start(BrokerAddress listen) {
        try {
            Path home = Files.createTempDirectory("vigil-broker");
            Path conf = Files.createDirectories(home.resolve("conf"));
            Files.writeString(conf.resolve("config.xml"), """
                    <hivemq>
                      <listeners><tcp-listener><port>%d</port><bind-address>%s</bind-address></tcp-listener></listeners>
                      <persistence><mode>in-memory</mode></persistence>
                      <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(listen.port(), listen.host()));
            EmbeddedHiveMQ h = EmbeddedHiveMQ.builder().withConfigurationFolder(conf)
                    .withDataFolder(Files.createDirectories(home.resolve("data")))
                    .withExtensionsFolder(Files.createDirectories(home.resolve("extensions"))).build();
            long t0 = System.nanoTime();
            h.start().get(60, TimeUnit.SECONDS);
            log.info("MQTT broker (HiveMQ CE embedded) listening on {} (started in {} ms)", listen,
                    (System.nanoTime() - t0) / 1_000_000);
            return new EmbeddedBroker(h, new BrokerAddress(listen.host(), listen.port(), false), home);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the MQTT broker on " + listen.host() + ":" + listen.port() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    /** Where clients connect (tcp://host:port). */
    public BrokerAddress address() {
        return address;
    }

    @Override
    public void close() {
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
            hivemq.close();
        } catch (Exception e) {
            log.warn("MQTT broker did not stop cleanly: {}", e.toString());
        }
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
