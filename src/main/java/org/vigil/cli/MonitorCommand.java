package org.vigil.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.vigil.app.Settings;
import org.vigil.app.Vigil;
import org.vigil.base.Defaults;
import org.vigil.capture.SourceSpec;
import org.vigil.metrics.MetricsAddress;
import org.vigil.pipeline.Pipeline;
import org.vigil.pipeline.WardFile;
import org.vigil.rules.ConfigException;
import org.vigil.track.BedRegion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** ./run.sh monitor --headless --source clip.mp4: frames in, JSON status and alert lines out. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"Watch one or more beds and print status and alerts as JSON lines (stdout and an append-only file).",
                "Files end with a summary line; cameras, streams and --loop files run until Ctrl-C or --duration."})
public class MonitorCommand implements Callable<Integer> {

    @Option(names = "--headless", description = "No window (the windowed view is the dashboard: ./run.sh).")
    boolean headless;

    @Option(names = "--source", paramLabel = "SRC", description = "Video file, camera:N, or rtsp/http URL; repeat for several beds.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--bed", paramLabel = "NAME", description = "Bed name of each --source, in order (default bed-1, bed-2, ...; shown as Bed 1, Bed 2, ...).")
    List<String> beds = new ArrayList<>();

    @Option(names = "--ward", paramLabel = "FILE", description = "Ward file listing beds, sources and regions (e.g. alerts-config/wards/ward.yaml).")
    Path ward;

    @Option(names = "--model", paramLabel = "FILE", description = "Emotion model: .vigil, or Keras .h5/.hdf5 (FER-2013 labels). Default " + Defaults.MODEL_TEXT + ".")
    Path model;

    @Mixin DetectorOptions detection;

    @Option(names = "--realtime", description = "Play video files at their own frame rate (default).")
    boolean realtime;

    @Mixin PlaybackOptions playback;

    @Option(names = "--bed-region", paramLabel = "x,y,w,h", description = "Where the patient's head is, as fractions of the frame; one for all beds, or one per --source in order.")
    List<String> regions = new ArrayList<>();

    @Option(names = "--classify-fps", defaultValue = Defaults.CLASSIFY_FPS_TEXT, description = "Emotion classifications per second per bed (default ${DEFAULT-VALUE}).")
    double classifyFps;

    @Option(names = "--smoothing", defaultValue = Defaults.SMOOTHING_S_TEXT, paramLabel = "SECONDS", description = "Time constant of the emotion moving average (default ${DEFAULT-VALUE} s).")
    double smoothing;

    @Option(names = "--rules", defaultValue = Defaults.RULES_TEXT, paramLabel = "DIR", description = "Alert rules folder or YAML file (default ${DEFAULT-VALUE}).")
    Path rules;

    @Option(names = "--alerts-db", paramLabel = "FILE",
            description = "Durable alert log (SQLite; open alerts come back after a restart); 'none' keeps alerts in memory. "
                    + "Default: " + Defaults.ALERTS_DB_TEXT + " when a camera or stream is monitored, none for video files only (re-analysing a file must not find its old alerts open).")
    String alertsDb;

    @Option(names = "--out", defaultValue = Defaults.MONITOR_OUT_TEXT, paramLabel = "FILE", description = "Append-only JSON lines file (default ${DEFAULT-VALUE}); 'none' to skip.")
    String out;

    @Option(names = "--status-every", defaultValue = Defaults.STATUS_EVERY_S_TEXT, paramLabel = "SECONDS", description = "Status line per bed at least this often in stream time (default ${DEFAULT-VALUE}); changes are written at once.")
    double statusEvery;

    @Option(names = "--detect-size", defaultValue = Defaults.DETECT_MAX_SIDE_TEXT, paramLabel = "PX|auto", description = "Detection runs on frames shrunk to this longest side (default ${DEFAULT-VALUE}); auto shrinks as far as faces of 40 px stay detectable (faster, but coarser boxes change the crops); 0 = full size.")
    String detectSize;

    @Option(names = "--metrics", paramLabel = "[HOST:]PORT", arity = "0..1", fallbackValue = Defaults.METRICS_PORT_TEXT,
            description = "Serve Prometheus metrics (fps, inference time, latencies, alerts, JVM) at http://HOST:PORT"
                    + Defaults.METRICS_PATH + "; HOST defaults to " + Defaults.METRICS_HOST + " (this machine only), a bare --metrics"
                    + " to port " + Defaults.METRICS_PORT_TEXT + ", 0 picks a free port. Default: off, nothing listens.")
    String metrics;

    @Option(names = "--max-reconnects", defaultValue = Defaults.MAX_RECONNECTS_TEXT, description = "Give up on a camera or stream after this many failed reconnects (default: never).")
    int maxReconnects;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        if (!headless) {
            err.println("monitor runs without a window: add --headless (the windowed view is the dashboard, ./run.sh)");
            return 2;
        }
        if (realtime && playback.fast) {
            err.println("--realtime and --fast exclude each other");
            return 2;
        }
        Vigil vigil;
        try {
            // Durable alerts and hot reload of the rules folder (a bad edit keeps the last good rules).
            vigil = Vigil.assemble(settings(), System.out);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println(e.getMessage());
            return 2;
        } catch (ConfigException e) {
            err.println("alert rules in " + rules + " are not valid:\n" + e.getMessage());
            return 2;
        }
        vigil.metricsUrl().ifPresent(u -> err.println("Prometheus metrics at " + u));
        try (vigil) {
            Pipeline pipeline = vigil.pipeline();
            boolean live = vigil.live();
            Thread hook = new Thread(vigil::close, "vigil-shutdown");
            try {
                vigil.start();
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return 2;
            }
            if (live) Runtime.getRuntime().addShutdownHook(hook);
            while (!pipeline.awaitSources(1, TimeUnit.SECONDS)) {
                // files end by themselves; live sources run until Ctrl-C (the hook prints the summary and closes)
            }
            if (live) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException alreadyShuttingDown) {
                    return 0;
                }
            }
            vigil.finish();
            Path outFile = vigil.settings().out();
            if (outFile != null) err.println("JSON lines appended to " + outFile.toAbsolutePath());
            return pipeline.stats().totalFrames() == 0 ? 1 : 0;
        }
    }

    /** The command line as application settings. */
    private Settings settings() {
        List<SourceSpec> specs = new ArrayList<>();
        Map<String, BedRegion> regionMap = new HashMap<>();
        if (ward != null) {
            if (!sources.isEmpty()) throw new IllegalArgumentException("use either --ward or --source, not both");
            WardFile w = WardFile.read(ward);
            for (WardFile.Bed b : w.beds()) {
                specs.add(b.source());
                if (b.region() != null) regionMap.put(b.source().bed(), b.region());
            }
        } else {
            if (sources.isEmpty()) throw new IllegalArgumentException("no source: pass --source <file|camera:N|rtsp://...> or --ward <file>");
            if (beds.size() > sources.size()) throw new IllegalArgumentException("more --bed names than --source values");
            for (int i = 0; i < sources.size(); i++) {
                String name = i < beds.size() ? beds.get(i) : Defaults.bedId(i);
                SourceSpec s = SourceSpec.parse(name, sources.get(i));
                if (s.kind() == SourceSpec.Kind.FILE && !Files.isRegularFile(Path.of(s.location()))) {
                    // Not fatal: the bed reports a technical state and the others go on.
                    System.err.println("warning: bed " + name + ": video file not found: " + s.location());
                }
                specs.add(s);
            }
        }
        if (!regions.isEmpty()) {
            if (regions.size() != 1 && regions.size() != specs.size()) {
                throw new IllegalArgumentException("give one --bed-region for all beds or one per source (" + specs.size() + ")");
            }
            for (int i = 0; i < specs.size(); i++) {
                regionMap.put(specs.get(i).bed(), BedRegion.parse(regions.get(regions.size() == 1 ? 0 : i)));
            }
        }
        return Settings.builder()
                .sources(specs)
                .loopFiles(playback.loop)
                .stopAfterS(playback.stopAfterS())
                .regions(regionMap)
                .realtime(!playback.fast)
                .maxReconnects(maxReconnects)
                .model(model)
                .detector(detection.detector, detection.yunetModel)
                .detectMaxSide(Settings.parseDetectSize(detectSize))
                .classifyFps(classifyFps)
                .smoothingS(smoothing)
                .rules(rules)
                .alertsDb(alertsDb)
                .out(Defaults.NONE.equalsIgnoreCase(out) ? null : Path.of(out))
                .statusEveryS(statusEvery)
                .metrics(metrics == null ? null : MetricsAddress.parse(metrics))
                .build();
    }
}
