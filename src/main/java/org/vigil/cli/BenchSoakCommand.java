package org.vigil.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vigil.app.Detection;
import org.vigil.app.Settings;
import org.vigil.base.Defaults;
import org.vigil.base.SharedData;
import org.vigil.bench.SoakBenchmark;
import org.vigil.bench.SoakSample;
import org.vigil.bench.SoakVerdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** ./run.sh bench soak: the real monitor on looping clips for a long time, watched for growth. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Runs the real monitor (pipeline, alert store, JSON lines) on looping clips and samples memory (RSS,",
                "heap after GC, JavaCPP/ND4J native), threads, open files, fps, dropped frames, decision p99 and GC pauses.",
                "Writes soak.csv, soak.png and verdict.txt (memory slope after warm-up) into --out.",
                "--dashboard: the nurse dashboard instead (a real window on the same pipeline; run under xvfb-run -a on a",
                "server), also sampling the Swing thread's busy share, its event wait and frame-to-screen p99."})
public class BenchSoakCommand implements Callable<Integer> {

    @Option(names = "--beds", defaultValue = "8", description = "Beds (looping clips) monitored at once (default ${DEFAULT-VALUE}).")
    int beds;

    @Option(names = "--dashboard", description = "Soak the dashboard (window, pipeline, alert store) instead of the headless monitor; "
            + "it uses its own detector and classification rate, as for a nurse.")
    boolean dashboard;

    @Option(names = "--minutes", defaultValue = "60", description = "Length of the run (default ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--source", paramLabel = "FILE", description = "Video file(s) the beds play in a loop, in turn (default: the shared crying clip).")
    List<Path> sources;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/soak", description = "Folder for soak.csv, soak.png, verdict.txt, the alert database and JSON lines (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--fps", defaultValue = "10", description = "Camera rate: clips are re-encoded to --size at this rate, as bench pipeline does; 0 plays them as they are (default ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--size", defaultValue = "640x480", description = "Frame size of the re-encoded clips (default ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--sample-seconds", defaultValue = "10", description = "Seconds between samples (default ${DEFAULT-VALUE}).")
    double sampleS;

    @Option(names = "--gc-every", paramLabel = "SECONDS", defaultValue = "60", description = "A full GC before a sample this often, to read the live heap; 0 never (default ${DEFAULT-VALUE}).")
    double gcEveryS;

    @Option(names = "--warmup-minutes", description = "Minutes not judged at the start (default 10, or a third of a shorter run).")
    Double warmupMin;

    @Option(names = "--model", paramLabel = "FILE", description = "Emotion model (as for monitor); default " + Defaults.MODEL_TEXT + ".")
    Path model;

    @Mixin DetectorOptions detection;

    @Option(names = "--classify-fps", defaultValue = Defaults.CLASSIFY_FPS_TEXT, description = "Classifications per second per bed (default ${DEFAULT-VALUE}).")
    double classifyFps;

    @Option(names = "--rules", paramLabel = "DIR", defaultValue = Defaults.RULES_TEXT, description = "Alert configuration folder (default ${DEFAULT-VALUE}).")
    Path rules;

    @Option(names = "--judge", paramLabel = "DIR", description = "Run nothing: judge the soak.csv of an earlier run in DIR again "
            + "(with --warmup-minutes, default 10) and print its verdict.")
    Path judge;

    @Override
    public Integer call() throws Exception {
        if (judge != null) {
            Path csv = judge.resolve("soak.csv");
            if (!Files.isRegularFile(csv)) {
                System.err.println("no soak.csv in " + judge);
                return 2;
            }
            try {
                System.out.println(SoakVerdict.of(SoakSample.readCsv(csv), 60 * (warmupMin != null ? warmupMin : 10)).line());
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            return 0;
        }
        List<Path> src = sources != null ? sources : List.of(SharedData.root().resolve(SharedData.CRYING_CLIP));
        for (Path p : src) {
            if (!Files.isRegularFile(p)) {
                System.err.println("soak clip not found: " + p + " (pass --source <video> or set VIGIL_SHARED)");
                return 2;
            }
        }
        if (dashboard && java.awt.GraphicsEnvironment.isHeadless()) {
            System.err.println("bench soak --dashboard needs a display: run it as  xvfb-run -a ./run.sh bench soak --dashboard ...");
            return 2;
        }
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        double warmupS = 60 * (warmupMin != null ? warmupMin : Math.min(10, minutes / 3));
        Detection det;
        try {
            det = detection.resolve();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Settings base = Settings.builder().detector(det.kind(), det.yunetModel()).model(model).classifyFps(classifyFps).rules(rules).build();
        List<Path> clips = SoakBenchmark.clips(src, fps, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
        System.err.printf(Locale.ROOT, "soak%s: %d beds, %.1f min, %s; samples every %.0f s into %s%n", dashboard ? " (dashboard)" : "",
                beds, minutes, src, sampleS, out);
        SoakBenchmark.Result r;
        try {
            SoakBenchmark b = new SoakBenchmark(clips, beds, minutes * 60, base, out, sampleS, gcEveryS, warmupS);
            r = (dashboard ? b.onDashboard() : b).run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        System.out.println(r.verdict().line());
        System.out.println("load average before: " + r.loadBefore() + "; after: " + r.loadAfter());
        System.out.println("CSV: " + r.csv() + "\nchart: " + r.png());
        return 0;
    }
}
