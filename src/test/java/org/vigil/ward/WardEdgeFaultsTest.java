package org.vigil.ward;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.ward.WardTestKit.Msg;
import org.vigil.ward.WardTestKit.Observer;
import org.vigil.ward.WardTestKit.Role;

/**
 * Faults of an edge box, with real processes: central station (embedded broker) and an edge each in
 * their own JVM. A bad config never reaches the edge from the central, and a bad one sent anyway is
 * refused by the edge itself (nothing changes there); an edge killed with SIGKILL becomes an
 * "edge-offline" technical alert for its beds within 1.5 keep-alive intervals (15 s).
 */
class WardEdgeFaultsTest {

    @Test
    @Timeout(300)
    void badConfigChangesNothingAndADeadEdgeIsAnOfflineAlertWithin15s(@TempDir Path dir) throws Exception {
        int port = WardTestKit.freePort();
        Path config = Files.createDirectories(dir.resolve("central-config"));
        Files.writeString(config.resolve("rules.yaml"), WardTestKit.RULES);
        WardTopics topics = new WardTopics("site", "w1");
        Path ward = WardTestKit.wardFile(dir, "room-7", "w1", "bed-71", "bed-72");
        Path scores = WardTestKit.timeline(dir, new String[] {"bed-71"}, new double[] {-1}, 60);
        try (Role central = new Role(dir, "central", "central", "--ward-config", config.toString(), "--listen", "127.0.0.1:" + port,
                "--db", dir.resolve("central.db").toString(), "--ward", "w1")) {
            assertThat(central.awaitLog("central-w1: connected", 150)).as(central.log()).isTrue();
            String v0 = ConfigFiles.version(ConfigFiles.read(config));
            try (Observer obs = new Observer(port, topics.base() + "/#");
                 Role edge = new Role(dir, "edge", "edge", "--ward", ward.toString(), "--broker", "tcp://127.0.0.1:" + port,
                         "--scores", scores.toString(), "--loop", "--state", dir.resolve("edge").toString(),
                         "--rules", config.toString())) {
                Optional<Msg> online = obs.await(m -> m.topic().equals(topics.presence("room-7")) && m.payload().contains("\"online\""), 60);
                assertThat(online).as(edge.log()).isPresent();
                assertThat(online.get().payload()).contains(v0).contains("bed-71", "bed-72");
                Path edgeRules = dir.resolve("edge/alerts-config/rules.yaml");
                String edgeBefore = Files.readString(edgeRules);

                // 1. An admin saves a bad file: rejected at the central with file:line:column, never sent.
                int configsBefore = count(obs, topics.config());
                Files.writeString(config.resolve("rules.yaml"), WardTestKit.RULES.replace("start: 0.6", "start: 1.6"));
                assertThat(central.awaitLog("NOT distributed to the edges", 20)).as(central.log()).isTrue();
                assertThat(central.log()).containsPattern("rules\\.yaml:\\d+:\\d+");
                Thread.sleep(1000);
                assertThat(count(obs, topics.config())).as("no config message after the bad edit").isEqualTo(configsBefore);

                // 2. A bad config arrives anyway (a faulty or forged central): the edge validates and refuses it.
                obs.publish(topics.config(), new WardMessages.ConfigBundle("forged", Map.of("rules.yaml",
                        "version: 1\nrules:\n  - {id: distress, emotions: [angry, sad], start: 0.6, end: 0.45, persist: soon}\n"),
                        Instant.now()), true);
                Optional<Msg> refused = obs.await(m -> m.topic().equals(topics.presence("room-7")) && m.payload().contains("configErrors\":[\""), 20);
                assertThat(refused).as(edge.log()).isPresent();
                assertThat(refused.get().payload()).containsPattern("rules\\.yaml:\\d+:\\d+").contains(v0);
                assertThat(Files.readString(edgeRules)).as("the edge's rules on disk").isEqualTo(edgeBefore);

                // 3. The admin fixes it: the central distributes it and the edge applies it (so 1 and 2 were refusals, not a dead path).
                Files.writeString(config.resolve("rules.yaml"), WardTestKit.RULES.replace("persist: 3s", "persist: 4s"));
                String v1 = ConfigFiles.version(ConfigFiles.read(config));
                Optional<Msg> applied = obs.await(m -> m.topic().equals(topics.presence("room-7")) && m.payload().contains(v1)
                        && m.payload().contains("\"configErrors\":[]"), 30);
                assertThat(applied).as(edge.log()).isPresent();
                assertThat(Files.readString(edgeRules)).contains("persist: 4s");

                // 4. The edge box dies without a word: its Last Will makes the central raise "edge offline" for both beds.
                long killedAt = System.nanoTime();
                edge.kill();
                for (String bed : new String[] {"bed-71", "bed-72"}) {
                    Optional<Msg> offline = obs.await(m -> m.topic().startsWith(topics.base() + "/alert/")
                            && m.payload().contains("\"kind\":\"edge-offline\"") && m.payload().contains("\"bed\":\"" + bed + "\"")
                            && m.payload().contains("\"state\":\"RAISED\""), 30);
                    assertThat(offline).as(central.log()).isPresent();
                    double after = (offline.get().atNs() - killedAt) / 1e9;
                    System.out.printf("edge-offline alert for %s %.1f s after kill -9%n", bed, after);
                    // 1.5 keep-alive intervals (15 s) at the broker, plus the central's own hop.
                    assertThat(after).as("seconds from kill -9 to the offline alert").isLessThan(16.0);
                }
            }
        }
    }

    private static int count(Observer obs, String topic) {
        return (int) obs.got.stream().filter(m -> m.topic().equals(topic)).count();
    }
}
