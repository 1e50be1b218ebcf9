package org.vigil.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vigil.app.Detection;
import org.vigil.app.Settings;
import org.vigil.app.Vigil;
import org.vigil.base.Defaults;
import org.vigil.base.SharedData;
import org.vigil.bench.PipelineBenchmark;
import org.vigil.classify.EmotionModel;
import org.vigil.nd.NativeSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** ./run.sh bench pipeline: frames per second and frame-to-decision latency for 1..N streams. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Monitoring pipeline speed on this machine: throughput (every frame, as fast as possible) and",
                "real-time runs (frames arriving at --fps per stream) for each stream count; prints a Markdown report."})
public class BenchPipelineCommand implements Callable<Integer> {

    @Option(names = "--streams", split = ",", defaultValue = "1,2,4,8", description = "Stream counts to run (default ${DEFAULT-VALUE}).")
    List<Integer> streams;

    @Option(names = "--realtime-fps", split = ",", defaultValue = "30,10", description = "Source rates of the real-time runs: the first for 1 stream, the second for more (default ${DEFAULT-VALUE}).")
    List<Double> realtimeFps;

    @Option(names = "--seconds", defaultValue = "15", description = "Length of each run in seconds of video (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--size", defaultValue = "640x480", description = "Frame size of the test video (default ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--clip", paramLabel = "FILE", description = "Source clip, resized to --size (default: the shared crying clip).")
    Path clip;

    @Option(names = "--model", paramLabel = "FILE", description = "Emotion model (as for monitor); default " + Defaults.MODEL_TEXT + ".")
    Path model;

    @Mixin DetectorOptions detection;

    @Option(names = "--classify-fps", defaultValue = Defaults.CLASSIFY_FPS_TEXT, description = "Classifications per second per bed (default ${DEFAULT-VALUE}).")
    double classifyFps;

    @Option(names = "--detect-size", defaultValue = Defaults.DETECT_MAX_SIDE_TEXT, paramLabel = "PX|auto", description = "Detection image longest side, as for monitor (default ${DEFAULT-VALUE}).")
    String detectSize;

    @Option(names = "--no-throughput", description = "Skip the as-fast-as-possible runs.")
    boolean noThroughput;

    @Option(names = "--no-realtime", description = "Skip the real-time runs.")
    boolean noRealtime;

    @Override
    public Integer call() throws Exception {
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        int w = Integer.parseInt(wh[0]), h = Integer.parseInt(wh[1]);
        Path src = clip != null ? clip : SharedData.root().resolve(SharedData.CRYING_CLIP);
        if (!Files.isRegularFile(src)) {
            System.err.println("benchmark clip not found: " + src + " (pass --clip <video> or set VIGIL_SHARED)");
            return 2;
        }
        Detection det;
        EmotionModel m;
        try {
            det = detection.resolve();
            m = Vigil.loadModel(model);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try (m) {
            // The real rules engine when its config is here, so "decide" includes rule evaluation.
            boolean haveRules = Files.isDirectory(Defaults.RULES);
            if (haveRules) Vigil.inMemoryRules(Defaults.RULES); // fail early on a bad config
            java.util.function.Supplier<org.vigil.rules.RuleEngine> engine = () -> {
                try {
                    return haveRules ? Vigil.inMemoryRules(Defaults.RULES) : null;
                } catch (org.vigil.rules.ConfigException e) {
                    throw new IllegalStateException(e);
                }
            };
            Settings settings = Settings.builder()
                    .detector(det.kind(), det.yunetModel())
                    .classifyFps(classifyFps)
                    .detectMaxSide(Settings.parseDetectSize(detectSize))
                    .build();
            PipelineBenchmark b = new PipelineBenchmark(src, w, h, seconds, m, settings, engine);
            List<PipelineBenchmark.Result> results = new ArrayList<>();
            for (int n : streams) {
                if (!noThroughput) results.add(b.run(n, 0));
                if (!noRealtime) {
                    double fps = n == 1 ? realtimeFps.get(0) : realtimeFps.get(Math.min(1, realtimeFps.size() - 1));
                    results.add(b.run(n, fps));
                }
            }
            System.out.println(PipelineBenchmark.markdown(results, m.metadata().name(), det.kind() + " at " + (detectSize.equals("auto") ? "auto size" : detectSize + " px"), w, h, classifyFps,
                    NativeSetup.describe()));
        }
        return 0;
    }
}
