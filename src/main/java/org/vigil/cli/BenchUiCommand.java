package org.vigil.cli;

import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.app.Detection;
import org.vigil.base.Defaults;
import org.vigil.base.SharedData;
import org.vigil.bench.DashboardBenchmark;
import org.vigil.detect.FaceDetector;
import org.vigil.ui.PrivacyMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** ./run.sh bench ui: the dashboard's frame-to-screen latency and CPU cost for 1..N beds. */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Dashboard cost on this machine: frame-to-screen latency and CPU of the Swing thread and of the",
                "event hand-over (privacy filter), for each bed count; real clip frames through the pipeline event API.",
                "Needs a display: run under xvfb-run -a on a server. Prints a Markdown table."})
public class BenchUiCommand implements Callable<Integer> {
    @Option(names = "--beds", split = ",", defaultValue = "1,4,16", description = "Bed counts (default ${DEFAULT-VALUE}).")
    List<Integer> beds;

    @Option(names = "--fps", defaultValue = "12", description = "Frames per second per bed sent to the dashboard (default ${DEFAULT-VALUE}, the pipeline's snapshot rate).")
    double fps;

    @Option(names = "--seconds", defaultValue = "20", description = "Length of each run (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--clip", paramLabel = "FILE", description = "Video (default: the shared crying clip).")
    Path clip;

    @Override
    public Integer call() throws Exception {
        if (GraphicsEnvironment.isHeadless()) {
            System.err.println("bench ui needs a display: run it as  xvfb-run -a ./run.sh bench ui");
            return 2;
        }
        Path src = clip != null ? clip : SharedData.root().resolve(SharedData.CRYING_CLIP);
        if (!Files.isRegularFile(src)) {
            System.err.println("clip not found: " + src + " (pass --clip <video> or set VIGIL_SHARED)");
            return 2;
        }
        DashboardBenchmark b;
        try (FaceDetector det = Detection.defaults().create(Defaults.DETECT_MAX_SIDE)) {
            b = DashboardBenchmark.prepare(src, 120, fps, det);
        }
        List<DashboardBenchmark.Result> results = new ArrayList<>();
        for (int n : beds) {
            for (PrivacyMode p : new PrivacyMode[] {PrivacyMode.OFF, PrivacyMode.BLUR_FACES}) {
                System.err.printf("%d bed(s), privacy %s ...%n", n, p);
                results.add(b.run(n, p, fps, seconds));
            }
        }
        System.out.printf("%n%s, %d cores, Java %s, %s; clip %s, %.0f frames/s per bed, %.0f s per run%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name"), src.getFileName(), fps, seconds);
        System.out.println("| beds | privacy | frames painted | latency p50 (ms) | p95 (ms) | p99 (ms) | Swing thread CPU | hand-over CPU (privacy filter) |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
        for (var r : results) {
            System.out.printf("| %d | %s | %d | %.1f | %.1f | %.1f | %.1f %% | %.1f %% |%n", r.beds(), r.privacy().label(),
                    r.frames(), r.p50(), r.p95(), r.p99(), r.edtCpuPercent(), r.listenerCpuPercent());
        }
        System.out.println("\nCPU as % of one core. Latency: onFrame (frame handed to the dashboard) to the tile having painted it.");
        return 0;
    }
}
