package org.vigil.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.vigil.alerts.AlertManager;
import org.vigil.rules.AlarmEngine;
import org.vigil.rules.ConfigLoader;
import org.vigil.ward.BrokerAddress;
import org.vigil.ward.EdgeConfig;
import org.vigil.ward.EdgeNode;
import org.vigil.ward.EdgeOutbox;
import org.vigil.ward.ScoreReplay;
import org.vigil.ward.ScoreTimeline;
import org.vigil.ward.WardCodec;
import org.vigil.ward.WardMessages;
import org.vigil.ward.WardTopics;

/**
 * A ward on one machine: the central station (embedded broker) in its own JVM, simulated edges in
 * this one replaying recorded scores through their own rules engines, outboxes and MQTT links, and
 * an observer that takes each alert's state back from the central. Latency: the edge's raise time
 * (the wall time of the observation that raised it) to the central's published state arriving here
 * (so it includes one hop more than "at the central").
 */
public final class WardBenchmark {
    /** A short rule so that a looped crying recording raises and ends alerts again and again. */
    static final String RULES = """
            version: 1
            rules:
              - {id: distress, emotions: [angry, sad], start: 0.5, end: 0.4, persist: 3s, clear_after: 2s, cooldown: 0}
            """;

    public record Result(int beds, int edges, double rate, double seconds, long observations, int raisedAtEdges, int atCentral,
                         double p50Ms, double p99Ms, double maxMs, double centralCpuPct, double centralRssMb, double centralRssMaxMb) {}

    private WardBenchmark() {}

    public static Result run(int beds, int bedsPerEdge, double rate, double seconds, Path timelineFile, Path work) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path cfg = Files.createDirectories(work.resolve("alerts-config"));
        Files.writeString(cfg.resolve("rules.yaml"), RULES);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = work.resolve("central.log");
        Process central = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), "org.vigil.cli.Main", "central",
                "--ward-config", cfg.toString(), "--listen", "127.0.0.1:" + port, "--db", work.resolve("central.db").toString(),
                "--ward", "bench").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        List<EdgeNode> nodes = new ArrayList<>();
        List<Thread> players = new ArrayList<>();
        List<ScoreReplay> replays = new ArrayList<>();
        List<AlertManager> managers = new ArrayList<>();
        Mqtt5AsyncClient observer = null;
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(log).contains("central-bench: connected")) {
                if (!central.isAlive() || System.nanoTime() > until) throw new IllegalStateException("central did not start:\n" + Files.readString(log));
                Thread.sleep(200);
            }
            WardTopics topics = new WardTopics("site", "bench");
            Map<String, Double> latencyMs = new ConcurrentHashMap<>();
            observer = MqttClient.builder().useMqttVersion5().identifier("bench-observer").serverHost("127.0.0.1").serverPort(port).buildAsync();
            observer.publishes(MqttGlobalPublishFilter.ALL, p -> {
                long now = System.currentTimeMillis();
                WardMessages.AlertState s = WardCodec.decode(p.getTopic().toString(), p.getPayloadAsBytes(), WardMessages.AlertState.class);
                if ("RAISED".equals(s.state()) && "distress".equals(s.kind())) {
                    latencyMs.putIfAbsent(s.alertId(), (double) (now - s.raisedAt().toEpochMilli()));
                }
            });
            observer.connectWith().cleanStart(true).send().get(30, TimeUnit.SECONDS);
            observer.subscribeWith().topicFilter(topics.allAlertStates()).qos(MqttQos.AT_LEAST_ONCE).send().get(30, TimeUnit.SECONDS);

            ScoreTimeline timeline = ScoreTimeline.read(timelineFile);
            int n = timeline.beds().values().iterator().next().size();
            Random rnd = new Random(42);
            AtomicLong observations = new AtomicLong();
            BrokerAddress broker = new BrokerAddress("127.0.0.1", port, false);
            for (int e = 0; e * bedsPerEdge < beds; e++) {
                List<String> names = new ArrayList<>();
                for (int b = e * bedsPerEdge; b < Math.min(beds, (e + 1) * bedsPerEdge); b++) names.add("bed-" + (b + 1));
                int[] offsets = names.stream().mapToInt(x -> rnd.nextInt(n)).toArray();
                Clock clock = Clock.systemUTC();
                AlertManager alerts = AlertManager.inMemory(clock);
                AlarmEngine engine = new AlarmEngine(ConfigLoader.parse("rules.yaml", RULES), alerts, clock);
                EdgeNode node = new EdgeNode(topics, "room-" + (e + 1), names, broker, 10, alerts, new EdgeOutbox(null),
                        EdgeConfig.inMemory(engine, Map.of("rules.yaml", RULES)), clock).start();
                ScoreReplay replay = new ScoreReplay(node.edge(), names, timeline, offsets, rate, true, seconds, engine, alerts, r -> {
                    observations.incrementAndGet();
                    node.publishBed(r);
                }, clock);
                nodes.add(node);
                replays.add(replay);
                managers.add(alerts);
            }
            // wait for every edge link before the clock starts
            until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (nodes.stream().anyMatch(x -> !x.connected()) && System.nanoTime() < until) Thread.sleep(100);
            int[] raised = new int[1];
            for (AlertManager m : managers) m.subscribe(ev -> {
                if (ev.transition() == org.vigil.alerts.AlertTransition.RAISED && !ev.kind().technical()) {
                    synchronized (raised) {
                        raised[0]++;
                    }
                }
            });
            for (ScoreReplay r : replays) {
                Thread t = new Thread(r, "bench-edge-" + players.size());
                t.setDaemon(true);
                players.add(t);
            }
            long cpu0 = cpuTicks(central.pid());
            long t0 = System.nanoTime();
            players.forEach(Thread::start);
            double rssSum = 0, rssMax = 0;
            int samples = 0;
            while (System.nanoTime() - t0 < seconds * 1e9) {
                Thread.sleep(1000);
                double rss = rssMb(central.pid());
                rssSum += rss;
                rssMax = Math.max(rssMax, rss);
                samples++;
            }
            for (Thread t : players) t.join(5000);
            double wall = (System.nanoTime() - t0) / 1e9;
            long cpu1 = cpuTicks(central.pid());
            Thread.sleep(3000); // the last alerts' round trips
            List<Double> lat = new ArrayList<>(latencyMs.values());
            lat.sort(Double::compare);
            return new Result(beds, nodes.size(), rate, seconds, observations.get(), raised[0], lat.size(), pct(lat, 0.5), pct(lat, 0.99),
                    lat.isEmpty() ? Double.NaN : lat.get(lat.size() - 1), 100.0 * (cpu1 - cpu0) / 100.0 / wall,
                    samples == 0 ? Double.NaN : rssSum / samples, rssMax);
        } finally {
            replays.forEach(ScoreReplay::stop);
            for (EdgeNode x : nodes) x.close();
            if (observer != null) observer.disconnect();
            central.destroy();
            if (!central.waitFor(20, TimeUnit.SECONDS)) central.destroyForcibly();
        }
    }

    private static double pct(List<Double> sorted, double q) {
        if (sorted.isEmpty()) return Double.NaN;
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    /** utime + stime of a process in clock ticks (USER_HZ, 100 on Linux). */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static double rssMb(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("\\D", "")) / 1024.0;
        }
        return Double.NaN;
    }

    static Instant now() {
        return Instant.now();
    }
}
