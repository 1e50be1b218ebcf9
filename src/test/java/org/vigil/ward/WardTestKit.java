package org.vigil.ward;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Real processes and a real MQTT observer for the ward tests: each role in its own JVM, killed with SIGKILL when asked. */
public final class WardTestKit {
    private WardTestKit() {}

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** One Vigil command in its own JVM ({@code org.vigil.cli.Main}), stdout and stderr into files. */
    static final class Role implements AutoCloseable {
        final Process process;
        final Path log;

        Role(Path dir, String name, String... args) throws IOException {
            this(dir, name, Map.of(), args);
        }

        /** @param env added to this JVM's environment (passwords: never on the command line) */
        Role(Path dir, String name, Map<String, String> env, String... args) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.vigil.cli.Main"));
            cmd.addAll(List.of(args));
            log = dir.resolve(name + ".log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            process = pb.start();
        }

        String log() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        /** Waits until the log has a line containing {@code text}. */
        boolean awaitLog(String text, double seconds) throws InterruptedException {
            long until = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < until) {
                if (log().contains(text)) return true;
                if (!process.isAlive()) return log().contains(text);
                Thread.sleep(100);
            }
            return false;
        }

        /** SIGKILL: no shutdown hook, no DISCONNECT, no Last-Will-suppressing goodbye. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) kill();
        }
    }

    /** A received message, with when it arrived (System.nanoTime). */
    record Msg(String topic, String payload, boolean retained, long atNs) {}

    /** A dashboard-like observer: subscribes to the whole ward and keeps every message. */
    static final class Observer implements AutoCloseable {
        final List<Msg> got = new CopyOnWriteArrayList<>();
        final Mqtt5AsyncClient client;

        Observer(int port, String filter) throws Exception {
            client = MqttClient.builder().useMqttVersion5().identifier("observer-" + System.nanoTime()).serverHost("127.0.0.1")
                    .serverPort(port).automaticReconnect().initialDelay(200, TimeUnit.MILLISECONDS).maxDelay(1, TimeUnit.SECONDS)
                    .applyAutomaticReconnect()
                    .addConnectedListener(c -> client().subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send())
                    .buildAsync();
            client.publishes(MqttGlobalPublishFilter.ALL, p -> got.add(new Msg(p.getTopic().toString(),
                    new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8), p.isRetain(), System.nanoTime())));
            client.connectWith().cleanStart(true).send().get(30, TimeUnit.SECONDS);
        }

        private Mqtt5AsyncClient client() {
            return client;
        }

        Optional<Msg> await(Predicate<Msg> p, double seconds) throws InterruptedException {
            long until = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < until) {
                for (Msg m : got) if (p.test(m)) return Optional.of(m);
                Thread.sleep(50);
            }
            return Optional.empty();
        }

        void publish(String topic, Object message, boolean retain) throws Exception {
            client.publishWith().topic(topic).payload(WardCodec.encode(message)).qos(MqttQos.AT_LEAST_ONCE).retain(retain).send()
                    .get(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            client.disconnect().get(5, TimeUnit.SECONDS);
        }
    }

    /** A ward file with beds bed-1..bed-n (the sources are not read when the edge replays scores). */
    static Path wardFile(Path dir, String name, String ward, String... beds) throws IOException {
        String text = "ward: " + ward + "\nbeds:\n" + IntStream.range(0, beds.length)
                .mapToObj(i -> "  - bed: " + beds[i] + "\n    source: camera:" + i + "\n").collect(Collectors.joining());
        return Files.writeString(dir.resolve(name + ".yaml"), text);
    }

    /**
     * A score timeline at 5 per second: each bed calm until {@code distressFrom[i]} seconds, then sad 0.9 to the end
     * ({@code seconds}); a negative start keeps the bed calm.
     */
    public static Path timeline(Path dir, String[] beds, double[] distressFrom, double seconds) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < beds.length; i++) {
            for (int k = 0; k < seconds * 5; k++) {
                double t = k / 5.0;
                boolean sad = distressFrom[i] >= 0 && t >= distressFrom[i];
                sb.append("{\"type\":\"status\",\"bed\":\"").append(beds[i]).append("\",\"t\":").append(t)
                        .append(",\"assessability\":\"ok\",\"confidence\":1,\"emotions\":")
                        .append(sad ? "{\"sad\":0.9,\"neutral\":0.1}" : "{\"neutral\":0.9,\"sad\":0.05}").append("}\n");
            }
        }
        return Files.writeString(dir.resolve("scores.jsonl"), sb.toString());
    }

    static final String RULES = """
            version: 1
            rules:
              - {id: distress, emotions: [angry, sad], start: 0.6, end: 0.45, persist: 3s, clear_after: 2s, cooldown: 0}
            """;
}
