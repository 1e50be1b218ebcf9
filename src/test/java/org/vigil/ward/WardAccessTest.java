package org.vigil.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.app.AlertSystem;
import org.vigil.app.Vigil;

/**
 * The embedded broker with the ward's users file and a TLS keystore made by the JDK's keytool: only
 * TLS, only known log-ins, and each log-in only its own topics; the central's own link gets in with its
 * one-off secret over the same TLS listener.
 */
class WardAccessTest {
    private static final char[] KS_PASSWORD = "keystore-secret".toCharArray();
    @TempDir
    static Path dir;
    private static Path keystore;
    private static Path cert;

    @BeforeAll
    static void makeCertificate() throws Exception {
        keystore = dir.resolve("broker.p12");
        cert = dir.resolve("broker.pem");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", new String(KS_PASSWORD), "-keypass", new String(KS_PASSWORD));
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", new String(KS_PASSWORD),
                "-file", cert.toString());
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("keytool: " + out).isZero();
    }

    private static WardUsers users() {
        return WardUsers.of(List.of(
                new WardUser("room-1", WardUser.Role.EDGE, List.of("bed-11"), PasswordHash.hash("edge-pw".toCharArray())),
                new WardUser("station-1", WardUser.Role.STATION, List.of(), PasswordHash.hash("station-pw".toCharArray()))));
    }

    private static Mqtt5BlockingClient client(String id, int port, boolean tls) {
        Mqtt5ClientBuilder b = MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1").serverPort(port);
        if (tls) b = b.sslConfig().trustManagerFactory(TrustedCerts.load(cert)).applySslConfig();
        return b.buildBlocking();
    }

    private static void login(Mqtt5BlockingClient c, String user, String password) {
        c.connectWith().simpleAuth().username(user).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
    }

    @Test
    @Timeout(120)
    void onlyKnownUsersOverTlsAndEachOnlyOnItsOwnTopics() throws Exception {
        int port = WardTestKit.freePort();
        WardTopics topics = new WardTopics("site", "wa");
        var security = new EmbeddedBroker.Security(topics, users(), keystore, KS_PASSWORD);
        List<String> seen = new CopyOnWriteArrayList<>();
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerAddress.listen("127.0.0.1:" + port), security);
             MqttLink central = new MqttLink("central-wa", broker.address(), 10, null, List.of(topics.base() + "/#"),
                     p -> seen.add(p.getTopic().toString() + "=" + new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)), null)) {
            assertThat(broker.address().tls()).isTrue();
            central.connect();
            waitFor(central::connected, "the central's own link (one-off secret, pinned certificate) logs in over TLS");

            // plain TCP to the TLS port: no MQTT session at all
            assertThatThrownBy(() -> login(client("plain", port, false), "room-1", "edge-pw")).isInstanceOf(RuntimeException.class);
            // wrong password, unknown user
            assertThatThrownBy(() -> login(client(EdgeNode.clientId("room-1"), port, true), "room-1", "wrong"))
                    .isInstanceOfSatisfying(Mqtt5ConnAckException.class,
                            e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
            assertThatThrownBy(() -> login(client("x", port, true), "nobody", "edge-pw")).isInstanceOf(Mqtt5ConnAckException.class);
            // an edge's log-in cannot take another client id (another box's session)
            assertThatThrownBy(() -> login(client(EdgeNode.clientId("room-2"), port, true), "room-1", "edge-pw"))
                    .isInstanceOfSatisfying(Mqtt5ConnAckException.class,
                            e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.CLIENT_IDENTIFIER_NOT_VALID));

            // another room's alert topic, another bed, the nurses' command channel: refused (and the broker then
            // drops the connection of a client that tried), never delivered
            for (String forged : List.of(topics.alerts("room-2"), topics.bed("bed-99"), topics.commands())) {
                Mqtt5BlockingClient intruder = client(EdgeNode.clientId("room-1"), port, true);
                login(intruder, "room-1", "edge-pw");
                assertThatThrownBy(() -> intruder.publishWith().topic(forged).payload("forged".getBytes()).qos(MqttQos.AT_LEAST_ONCE).send())
                        .as(forged).isInstanceOfSatisfying(Mqtt5PubAckException.class,
                                e -> assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));
                waitFor(() -> !intruder.getState().isConnected(), "the broker drops a client that published outside its rights");
            }
            Mqtt5BlockingClient edge = client(EdgeNode.clientId("room-1"), port, true);
            login(edge, "room-1", "edge-pw");
            // its own topics go through
            edge.publishWith().topic(topics.bed("bed-11")).payload("bed-ok".getBytes()).qos(MqttQos.AT_MOST_ONCE).send();
            edge.publishWith().topic(topics.alerts("room-1")).payload("alert-ok".getBytes()).qos(MqttQos.AT_LEAST_ONCE).send();

            Mqtt5BlockingClient station = client("nurse-station-1", port, true);
            login(station, "station-1", "station-pw");
            assertThatThrownBy(() -> station.publishWith().topic(topics.alerts("room-1")).payload("forged".getBytes()).qos(MqttQos.AT_LEAST_ONCE).send())
                    .isInstanceOf(Mqtt5PubAckException.class);
            waitFor(() -> !station.getState().isConnected(), "the broker drops the station that tried");
            login(station, "station-1", "station-pw");
            station.publishWith().topic(topics.commands()).payload("ack-ok".getBytes()).qos(MqttQos.AT_LEAST_ONCE).send();

            waitFor(() -> seen.contains(topics.commands() + "=ack-ok"), "the station's command reaches the central");
            assertThat(seen).contains(topics.bed("bed-11") + "=bed-ok", topics.alerts("room-1") + "=alert-ok")
                    .noneMatch(s -> s.contains("forged"));
            edge.disconnect();
            station.disconnect();
        }
    }

    @Test
    @Timeout(120)
    void theCentralStationRunsOnTheSecuredBroker() throws Exception {
        int port = WardTestKit.freePort();
        Path config = Files.createDirectories(dir.resolve("config-central"));
        Files.writeString(config.resolve("rules.yaml"), WardTestKit.RULES);
        WardTopics topics = new WardTopics("site", "wb");
        var security = new EmbeddedBroker.Security(topics, users(), keystore, KS_PASSWORD);
        List<String> presence = new CopyOnWriteArrayList<>();
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerAddress.listen("127.0.0.1:" + port), security);
             AlertSystem alerts = Vigil.openAlerts(config, dir.resolve("central.db"));
             CentralStation central = new CentralStation(topics, broker.address(), "central-wb", alerts.alerts(), alerts.config(), Clock.systemUTC()).start();
             MqttLink station = new MqttLink("nurse-station-x", new BrokerAddress("127.0.0.1", port, true).withLogin("station-1", "station-pw").withTrust(cert),
                     10, null, List.of(topics.centralPresence()), p -> presence.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8).toString()), null)) {
            station.connect();
            waitFor(() -> central.connected() && presence.stream().anyMatch(s -> s.contains("online")),
                    "central logged in with its one-off secret; a station reads its retained presence over TLS");
            // the audit trail names the nurse, the station she says she is at, and the log-in the broker saw;
            // a user property claiming another log-in is replaced by the broker
            String id = alerts.alerts().raise("bed-11", org.vigil.alerts.AlertKind.DISTRESS, "distress", org.vigil.alerts.AlertPriority.MEDIUM,
                    1, Map.of(), "test", false).orElseThrow().alertId();
            Mqtt5BlockingClient nurse = client("nurse-station-y", port, true);
            login(nurse, "station-1", "station-pw");
            nurse.publishWith().topic(topics.commands()).payload(WardCodec.encode(new WardMessages.Command("ack", id, "nurse-anna", "station-9", null)))
                    .userProperties().add(WardAccess.LOGIN_PROPERTY, "room-1").applyUserProperties().qos(MqttQos.AT_LEAST_ONCE).send();
            waitFor(() -> alerts.alerts().get(id).map(a -> a.ackedBy() != null).orElse(false), "the acknowledgement reaches the store");
            assertThat(alerts.alerts().get(id).orElseThrow().ackedBy()).isEqualTo("nurse-anna at station-9 (log-in station-1)");
            // a command naming nobody is refused
            String id2 = alerts.alerts().raise("bed-12", org.vigil.alerts.AlertKind.DISTRESS, "distress", org.vigil.alerts.AlertPriority.MEDIUM,
                    1, Map.of(), "test", false).orElseThrow().alertId();
            nurse.publishWith().topic(topics.commands()).payload(WardCodec.encode(new WardMessages.Command("ack", id2, " ", "station-9", null)))
                    .qos(MqttQos.AT_LEAST_ONCE).send();
            String id3 = alerts.alerts().raise("bed-13", org.vigil.alerts.AlertKind.DISTRESS, "distress", org.vigil.alerts.AlertPriority.MEDIUM,
                    1, Map.of(), "test", false).orElseThrow().alertId();
            nurse.publishWith().topic(topics.commands()).payload(WardCodec.encode(new WardMessages.Command("ack", id3, "nurse-anna", "station-9", null)))
                    .qos(MqttQos.AT_LEAST_ONCE).send();
            // commands are handled in order: once the later one is in, the nameless one has been refused
            waitFor(() -> alerts.alerts().get(id3).map(a -> a.ackedBy() != null).orElse(false), "the next command is handled");
            assertThat(alerts.alerts().get(id2).orElseThrow().ackedBy()).isNull();
            nurse.disconnect();
        }
    }

    @Test
    void theUsersFileHoldsHashesOnlyAndSaysWhatIsWrong() throws Exception {
        Path file = dir.resolve("users/ward-users.yaml");
        users().save(file);
        String text = Files.readString(file);
        assertThat(text).contains("room-1", "role: \"edge\"", "bed-11", "pbkdf2-sha256$").doesNotContain("edge-pw", "station-pw");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        WardUsers back = WardUsers.load(file);
        assertThat(back.find("room-1").orElseThrow().beds()).containsExactly("bed-11");
        assertThat(PasswordHash.matches("edge-pw".toCharArray(), back.find("room-1").orElseThrow().passwordHash())).isTrue();
        assertThat(PasswordHash.matches("edge-pw ".toCharArray(), back.find("room-1").orElseThrow().passwordHash())).isFalse();

        Files.writeString(file, "users:\n  room-2: {role: nurse, password: \"pbkdf2-sha256$1$AA$AA\"}\n");
        assertThatThrownBy(() -> WardUsers.load(file)).hasMessageContaining(file.toString()).hasMessageContaining("room-2")
                .hasMessageContaining("role 'nurse'");
        Files.writeString(file, "users:\n  room-2: {role: edge, beds: [bed-2], password: secret}\n");
        assertThatThrownBy(() -> WardUsers.load(file)).hasMessageContaining("room-2").hasMessageContaining("password hash");
        Files.writeString(file, "users:\n  room-2: {role: edge, password: \"pbkdf2-sha256$1$AA$AA\"}\n");
        assertThatThrownBy(() -> WardUsers.load(file)).hasMessageContaining("needs its beds");
    }

    @Test
    @Timeout(180)
    void adminsMakeLogInsAndTheCentralCommandTakesOnlyThemOverTls() throws Exception {
        Path users = dir.resolve("cli/ward-users.yaml");
        Path config = Files.createDirectories(dir.resolve("cli/config"));
        Files.writeString(config.resolve("rules.yaml"), WardTestKit.RULES);
        try (var add = new WardTestKit.Role(dir, "add-edge", Map.of(BrokerAddress.PASSWORD_ENV, "edge-pw"),
                "ward-users", "add", "--users", users.toString(), "room-3", "--role", "edge", "--beds", "bed-31,bed-32")) {
            assertThat(add.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(add.process.exitValue()).as(add.log()).isZero();
            assertThat(add.log()).contains("added edge 'room-3' (beds bed-31, bed-32)");
        }
        assertThat(Files.readString(users)).doesNotContain("edge-pw");
        var list = org.vigil.testing.Cli.run("ward-users", "list", "--users", users.toString());
        assertThat(list.out()).contains("room-3\tedge\tbed-31,bed-32").doesNotContain("pbkdf2");

        // an open broker on the network is refused
        var open = org.vigil.testing.Cli.run("central", "--ward-config", config.toString(), "--listen", "0.0.0.0:" + WardTestKit.freePort(),
                "--db", dir.resolve("cli/refused.db").toString(), "--duration", "1");
        assertThat(open.code()).isEqualTo(2);
        assertThat(open.err()).contains("reachable from the network", "--tls-keystore", "--users");

        int port = WardTestKit.freePort();
        try (var central = new WardTestKit.Role(dir, "central-cli", Map.of("VIGIL_TLS_KEYSTORE_PASSWORD", new String(KS_PASSWORD)),
                "central", "--ward-config", config.toString(), "--listen", "127.0.0.1:" + port, "--users", users.toString(),
                "--tls-keystore", keystore.toString(), "--db", dir.resolve("cli/central.db").toString(), "--ward", "wc", "--duration", "120")) {
            assertThat(central.awaitLog("central station of vigil/site/wc", 90)).as(central.log()).isTrue();
            Mqtt5BlockingClient edge = client(EdgeNode.clientId("room-3"), port, true);
            login(edge, "room-3", "edge-pw");
            edge.publishWith().topic(new WardTopics("site", "wc").bed("bed-31")).payload("{}".getBytes()).qos(MqttQos.AT_MOST_ONCE).send();
            edge.disconnect();
            assertThatThrownBy(() -> login(client(EdgeNode.clientId("room-3"), port, true), "room-3", "guess")).isInstanceOf(Mqtt5ConnAckException.class);
            assertThat(central.awaitLog("MQTT log-in refused: user 'room-3'", 30)).as(central.log()).isTrue();
            assertThat(central.log()).contains("with TLS, ward users only (1)", "MQTT log-in: edge 'room-3'").doesNotContain("edge-pw", "guess");
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("not within 60 s: " + what);
            Thread.sleep(50);
        }
    }
}
