package org.vigil.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.vigil.app.AlertSystem;
import org.vigil.app.Settings;
import org.vigil.app.Vigil;
import org.vigil.base.AtomicFiles;
import org.vigil.base.Defaults;
import org.vigil.capture.SourceSpec;
import org.vigil.pipeline.WardFile;
import org.vigil.rules.ConfigException;
import org.vigil.track.BedRegion;
import org.vigil.ward.BrokerAddress;
import org.vigil.ward.ConfigFiles;
import org.vigil.ward.EdgeConfig;
import org.vigil.ward.EdgeNode;
import org.vigil.ward.EdgeOutbox;
import org.vigil.ward.ScoreReplay;
import org.vigil.ward.ScoreTimeline;
import org.vigil.ward.WardTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.vigil.metrics.MetricsAddress;
import org.vigil.ward.WardMetrics;
import picocli.CommandLine.Option;

/** ./run.sh edge --ward room-12.yaml --broker tcp://central:1883: a room's headless pipeline reporting to the ward. */
@Command(name = "edge", mixinStandardHelpOptions = true,
        description = {"An edge box of a ward: watches the beds of its ward file, decides alerts itself (also when the network is down),",
                "and publishes alerts (durable outbox, exactly once at the central station), bed states and its presence over MQTT 5.",
                "Nothing listens on the box. Runs until Ctrl-C or --duration."})
public class EdgeCommand implements Callable<Integer> {
    @Option(names = "--ward", required = true, paramLabel = "FILE", description = "Ward file of this box: its beds and sources (alerts-config/wards/).")
    Path ward;

    @Option(names = "--broker", required = true, paramLabel = "URL", description = "MQTT 5 broker: tcp://host:port, or mqtts://host:port for TLS.")
    String broker;

    @Option(names = "--site", defaultValue = Defaults.WARD_SITE, description = "Site name in the topics vigil/{site}/{ward}/... (default ${DEFAULT-VALUE}).")
    String site;

    @Option(names = "--ward-name", paramLabel = "NAME", description = "Ward name in the topics (default: the ward file's 'ward:').")
    String wardName;

    @Option(names = "--edge", paramLabel = "ID", description = "This box's id (default: the ward file's name without .yaml).")
    String edge;

    @Option(names = "--state", paramLabel = "DIR", description = "This box's alert database, outbox and received config (default " + Defaults.WARD_EDGE_STATE_TEXT + ").")
    Path state;

    @Option(names = "--rules", defaultValue = Defaults.RULES_TEXT, paramLabel = "DIR", description = "Alert rules to start with until the central station sends its own (default ${DEFAULT-VALUE}).")
    Path rules;

    @Option(names = "--model", paramLabel = "FILE", description = "Emotion model (default " + Defaults.MODEL_TEXT + ").")
    Path model;

    @Mixin DetectorOptions detection;

    @Mixin PlaybackOptions playback;

    @Option(names = "--metrics", paramLabel = "[HOST:]PORT", arity = "0..1", fallbackValue = Defaults.METRICS_PORT_TEXT,
            description = "Serve Prometheus metrics at http://HOST:PORT" + Defaults.METRICS_PATH + " (fps, inference time, latencies, alerts, broker connection, outbox depth, JVM); HOST defaults to "
                    + Defaults.METRICS_HOST + ", a bare --metrics to port " + Defaults.METRICS_PORT_TEXT + ". Default: off, nothing listens.")
    String metrics;

    @Option(names = "--keep-alive", defaultValue = Defaults.WARD_KEEP_ALIVE_S_TEXT, paramLabel = "SECONDS",
            description = "MQTT keep-alive: the central notices a dead box after 1.5 of these (default ${DEFAULT-VALUE}).")
    int keepAlive;

    @Option(names = "--scores", paramLabel = "FILE",
            description = "Replay recorded scores (monitor's JSON lines, e.g. docs/alerts-timelines/*.jsonl) instead of watching the sources:"
                    + " a simulated box without camera or model (tests, benchmarks). Beds without lines of their own replay the first bed's.")
    Path scores;

    @Option(names = "--rate", defaultValue = "5", paramLabel = "PER_S", description = "With --scores: observations per second per bed (default ${DEFAULT-VALUE}).")
    double rate;

    @Override
    public Integer call() throws Exception {
        WardFile w = WardFile.read(ward);
        String id = edge != null ? edge : ward.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        WardTopics topics = new WardTopics(site, wardName != null ? wardName : w.ward().replaceFirst("\\.ya?ml$", ""));
        WardTopics.check("edge", id);
        BrokerAddress addr = BrokerAddress.parse(broker);
        double stopAfterS = playback.stopAfterS();
        Path dir = state != null ? state : Path.of("var", "edge-" + id);
        Path configDir = dir.resolve("alerts-config");
        seedConfig(configDir);

        if (scores != null) return replay(w, id, topics, addr, dir, configDir);

        List<SourceSpec> specs = new ArrayList<>();
        Map<String, BedRegion> regions = new HashMap<>();
        for (WardFile.Bed b : w.beds()) {
            specs.add(b.source());
            if (b.region() != null) regions.put(b.source().bed(), b.region());
        }
        Settings settings = Settings.builder().sources(specs).regions(regions).loopFiles(playback.loop).realtime(!playback.fast)
                .stopAfterS(stopAfterS)
                .model(model).detector(detection.detector, detection.yunetModel)
                .rules(configDir).alertsDb(dir.resolve("alerts.db").toString()).out(null)
                .metrics(metrics == null ? null : MetricsAddress.parse(metrics)).build();
        Vigil vigil;
        try {
            vigil = Vigil.assemble(settings, System.out);
        } catch (ConfigException e) {
            System.err.println("alert rules in " + configDir + " are not valid:\n" + e.getMessage());
            return 2;
        }
        List<String> beds = specs.stream().map(SourceSpec::bed).toList();
        try (vigil; EdgeOutbox outbox = new EdgeOutbox(dir.resolve("outbox.db"))) {
            var sys = vigil.alertSystem();
            EdgeConfig config = new EdgeConfig(configDir, sys.config(), sys.engine());
            EdgeNode node = new EdgeNode(topics, id, beds, addr, keepAlive, sys.alerts(), outbox, config, Clock.systemUTC());
            vigil.pipeline().addListener(node);
            vigil.metrics().ifPresent(m -> WardMetrics.edge(m, node));
            vigil.metricsUrl().ifPresent(u -> System.err.println("Prometheus metrics at " + u));
            node.start();
            System.err.println("edge " + id + " of " + topics.base() + ": beds " + beds + ", broker " + addr + ", state " + dir.toAbsolutePath());
            Thread hook = new Thread(() -> {
                node.close();
                vigil.close();
            }, "vigil-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            vigil.start();
            while (!vigil.pipeline().awaitSources(1, TimeUnit.SECONDS)) {
                // runs until the sources end (files, --duration) or Ctrl-C (the hook closes)
            }
            // Files ended: give the outbox a moment to reach the central station (it stays queued on disk anyway).
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (outbox.depth() > 0 && System.nanoTime() < until) Thread.sleep(100);
            if (outbox.depth() > 0) System.err.println(outbox.depth() + " alert message(s) not yet confirmed by the central station: kept in " + outbox.where());
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                return 0;
            }
            node.close();
            vigil.finish();
            return 0;
        }
    }

    /** A simulated box: recorded scores into the same rules engine, alert system, outbox and ward link. */
    private int replay(WardFile w, String id, WardTopics topics, BrokerAddress addr, Path dir, Path configDir) throws Exception {
        if (!(rate > 0)) throw new IllegalArgumentException("--rate must be positive, got " + rate);
        ScoreTimeline timeline = ScoreTimeline.read(scores);
        List<String> beds = w.beds().stream().map(b -> b.source().bed()).toList();
        AlertSystem sys;
        try {
            sys = Vigil.openAlerts(configDir, dir.resolve("alerts.db")).watchConfig();
        } catch (ConfigException e) {
            System.err.println("alert rules in " + configDir + " are not valid:\n" + e.getMessage());
            return 2;
        }
        try (sys; EdgeOutbox outbox = new EdgeOutbox(dir.resolve("outbox.db"))) {
            EdgeConfig config = new EdgeConfig(configDir, sys.config(), sys.engine());
            EdgeNode node = new EdgeNode(topics, id, beds, addr, keepAlive, sys.alerts(), outbox, config, Clock.systemUTC()).start();
            ScoreReplay player = new ScoreReplay(id, beds, timeline, null, rate, playback.loop,
                    playback.stopAfterS(), sys.engine(), sys.alerts(), node::publishBed, Clock.systemUTC());
            System.err.println("edge " + id + " of " + topics.base() + " (replaying " + scores + "): beds " + beds + ", broker " + addr
                    + ", state " + dir.toAbsolutePath());
            Thread hook = new Thread(() -> {
                player.stop();
                node.close();
                sys.close();
            }, "vigil-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            player.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                return 0;
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (outbox.depth() > 0 && System.nanoTime() < until) Thread.sleep(100);
            node.close();
            return 0;
        }
    }

    /** The first start copies the given rules; later the box runs the last config it accepted from the central station. */
    private void seedConfig(Path configDir) throws IOException {
        if (!ConfigFiles.read(configDir).isEmpty()) return;
        Map<String, String> files = ConfigFiles.read(rules);
        if (files.isEmpty()) throw new IllegalArgumentException("--rules " + rules + ": no rule files (*.yaml) there");
        Files.createDirectories(configDir);
        for (Map.Entry<String, String> e : files.entrySet()) {
            byte[] text = e.getValue().getBytes(StandardCharsets.UTF_8);
            AtomicFiles.replace(configDir.resolve(e.getKey()), tmp -> Files.write(tmp, text));
        }
    }
}
