package org.vigil.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running embedded broker takes the ward users file as it is now: a user added with the file's own writer
 * logs in without a restart, a removed one is refused from the next log-in, and a broken file keeps the last
 * good users and says where it is broken.
 */
class WardUsersReloadTest {

    private static WardUser user(String name, String password) {
        return new WardUser(name, WardUser.Role.EDGE, List.of("bed-" + name), PasswordHash.hash(password.toCharArray()));
    }

    private static void login(int port, String user, String password) {
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier(EdgeNode.clientId(user))
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        c.connectWith().simpleAuth().username(user).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
        c.disconnect();
    }

    private static void refused(int port, String user, String password) {
        assertThatThrownBy(() -> login(port, user, password)).isInstanceOfSatisfying(Mqtt5ConnAckException.class,
                e -> assertThat(e.getMqttMessage().getReasonCode()).isIn(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED, Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
    }

    @Test
    @Timeout(120)
    void theRunningBrokerTakesUsersFileChangesAndKeepsTheLastGoodOnABadFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ward-users.yaml");
        WardUsers.of(List.of(user("room-1", "pw-1"))).save(file);
        WardUsersFile users = WardUsersFile.load(file);
        int port = WardTestKit.freePort();
        WardTopics topics = new WardTopics("site", "wr");
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerAddress.listen("127.0.0.1:" + port),
                new EmbeddedBroker.Security(topics, users, null, null))) {
            login(port, "room-1", "pw-1");
            refused(port, "room-2", "pw-2");

            // ward-users add while the central runs: the next log-in sees it
            WardUsers.load(file).with(user("room-2", "pw-2")).save(file);
            login(port, "room-2", "pw-2");

            // a broken file: the last good users stay, the error names the file and line
            Files.writeString(file, "users:\n  room-1: {role: edge, beds: [bed-room-1], password: \"x\"\n  room-2: [\n");
            login(port, "room-2", "pw-2");
            login(port, "room-1", "pw-1");
            assertThat(users.lastError()).get().asString().contains(file.toString() + ":").containsPattern("\\.yaml:\\d+: ");
            // a wrong entry (not YAML syntax) is located too
            Files.writeString(file, "users:\n  room-1:\n    role: edge\n    beds: [bed-room-1]\n    password: \"x\"\n  room-2: {role: nurse, password: \"y\"}\n");
            refused(port, "room-3", "pw-3");
            assertThat(users.lastError()).get().asString().startsWith(file + ":2: user 'room-1'");
            login(port, "room-2", "pw-2");

            // fixed, with room-2 removed: refused from now on
            WardUsers.of(List.of(user("room-1", "pw-1"))).save(file);
            refused(port, "room-2", "pw-2");
            login(port, "room-1", "pw-1");
            assertThat(users.lastError()).isEmpty();
        }
    }
}
