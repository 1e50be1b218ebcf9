package org.vigil.bench;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.vigil.alerts.AlertManager;
import org.vigil.base.NearestRank;
import org.vigil.rules.AlarmEngine;
import org.vigil.rules.ConfigLoader;
import org.vigil.ward.BrokerAddress;
import org.vigil.ward.EdgeConfig;
import org.vigil.ward.EdgeNode;
import org.vigil.ward.EdgeOutbox;
import org.vigil.ward.ScoreReplay;
import org.vigil.ward.ScoreTimeline;
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
        VigilProcess central = VigilProcess.start(work, "central", "1g", List.of("central",
                "--ward-config", cfg.toString(), "--listen", "127.0.0.1:" + port, "--db", work.resolve("central.db").toString(),
                "--ward", "bench"));
        List<EdgeNode> nodes = new ArrayList<>();
        List<Thread> players = new ArrayList<>();
        List<ScoreReplay> replays = new ArrayList<>();
        List<AlertManager> managers = new ArrayList<>();
        CentralAlertObserver observer = null;
        try {
            central.await("central-bench: connected", 120);
            WardTopics topics = new WardTopics("site", "bench");
            observer = CentralAlertObserver.connect(port, topics);

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
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
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
            ProcessMeter meter = new ProcessMeter("central", central.pid());
            long t0 = System.nanoTime();
            players.forEach(Thread::start);
            while (System.nanoTime() - t0 < seconds * 1e9) {
                Thread.sleep(1000);
                meter.sample();
            }
            for (Thread t : players) t.join(5000);
            ProcessMeter.Use use = meter.finish();
            Thread.sleep(3000); // the last alerts' round trips
            List<Double> lat = observer.raisedBetween(Instant.MIN, Instant.MAX).stream().map(CentralAlertObserver.Arrival::latencyMs).toList();
            return new Result(beds, nodes.size(), rate, seconds, observations.get(), raised[0], lat.size(), NearestRank.of(lat, 0.5),
                    NearestRank.of(lat, 0.99), NearestRank.of(lat, 1.0), use.cpuPct(),
                    use.rssMeanMb(), use.rssMaxMb());
        } finally {
            replays.forEach(ScoreReplay::stop);
            for (EdgeNode x : nodes) x.close();
            if (observer != null) observer.close();
            central.close();
        }
    }

    static Instant now() {
        return Instant.now();
    }
}
