package org.vigil.ward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertTransition;
import org.vigil.app.AlertSystem;
import org.vigil.app.Vigil;
import org.vigil.rules.AlarmEngine;
import org.vigil.rules.ConfigLoader;

/**
 * A box that vanishes from the network without its socket closing (cable pulled, switch dead): no
 * FIN, no RST, just silence. Only the MQTT keep-alive can notice: with 10 s the broker gives up after
 * at most 15 s and sends the Last Will, and the central raises "edge offline". The edge's link runs
 * through a loopback relay that starts swallowing every byte.
 */
class WardKeepAliveTest {

    /** Loopback TCP relay that can go silent: bytes are read and dropped, sockets stay open. */
    static final class Relay implements AutoCloseable {
        final ServerSocket server;
        final List<Socket> sockets = new CopyOnWriteArrayList<>();
        volatile boolean silent;

        Relay(int target) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket a = server.accept();
                        Socket b = new Socket(InetAddress.getLoopbackAddress(), target);
                        sockets.add(a);
                        sockets.add(b);
                        pipe(a, b);
                        pipe(b, a);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "relay-accept");
            t.setDaemon(true);
            t.start();
        }

        void pipe(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        if (!silent) {
                            out.write(buf, 0, n);
                            out.flush();
                        }
                    }
                } catch (IOException ignored) {
                    // one side closed
                }
            }, "relay-pipe");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) s.close();
        }
    }

    @Test
    @Timeout(120)
    void aSilentEdgeIsAnOfflineAlertWithinOneAndAHalfKeepAlives(@TempDir Path dir) throws Exception {
        int port = WardTestKit.freePort();
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("rules.yaml"), WardTestKit.RULES);
        WardTopics topics = new WardTopics("site", "w5");
        LinkedBlockingQueue<AlertEvent> central = new LinkedBlockingQueue<>();
        Clock clock = Clock.systemUTC();
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerAddress.listen("127.0.0.1:" + port));
             AlertSystem alerts = Vigil.openAlerts(config, dir.resolve("central.db"));
             CentralStation station = new CentralStation(topics, broker.address(), "central-w5", alerts.alerts(), alerts.config(), clock).start();
             Relay relay = new Relay(port);
             AlertManager edgeAlerts = AlertManager.inMemory(clock);
             EdgeOutbox outbox = new EdgeOutbox(null)) {
            alerts.alerts().subscribe(central::add);
            AlarmEngine engine = new AlarmEngine(ConfigLoader.parse("rules.yaml", WardTestKit.RULES), edgeAlerts, clock);
            EdgeNode edge = new EdgeNode(topics, "room-5", List.of("bed-51"), new BrokerAddress("127.0.0.1", relay.port(), false), 10,
                    edgeAlerts, outbox, EdgeConfig.inMemory(engine, Map.of("rules.yaml", WardTestKit.RULES)), clock).start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(edge.connected() && station.edges().containsKey("room-5")) && System.nanoTime() < until) Thread.sleep(100);
            assertThat(station.edges()).containsKey("room-5");
            Thread.sleep(3000); // some keep-alive traffic has passed

            long silentAt = System.nanoTime();
            relay.silent = true;
            AlertEvent offline = null;
            while (offline == null && System.nanoTime() - silentAt < TimeUnit.SECONDS.toNanos(40)) {
                AlertEvent e = central.poll(1, TimeUnit.SECONDS);
                if (e != null && e.kind() == AlertKind.EDGE_OFFLINE && e.transition() == AlertTransition.RAISED) offline = e;
            }
            double after = (System.nanoTime() - silentAt) / 1e9;
            System.out.printf("edge-offline alert %.1f s after the edge went silent (keep-alive 10 s)%n", after);
            assertThat(offline).as("edge-offline alert").isNotNull();
            assertThat(offline.bed()).isEqualTo("bed-51");
            assertThat(after).as("seconds from silence to the offline alert").isLessThan(16.0);
            relay.silent = false;
            edge.close();
        }
    }
}
