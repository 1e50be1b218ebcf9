package org.vigil.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vigil.base.NearestRank;
import org.vigil.base.SharedData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** ./run.sh bench ward-video --seconds 300: the real video path, edges + central + nurse station as separate processes on this box. */
@Command(name = "ward-video", mixinStandardHelpOptions = true,
        description = {"The real video path of a ward on this machine, each role its own JVM: the central station (embedded broker), one",
                "edge per --clip watching it in a loop in real time, and a nurse-station dashboard on the broker (needs a display:",
                "xvfb-run -a). Prints per edge fps and dropped frames, distress alerts raised at the edges and stored at the central,",
                "edge -> central latency, and each process's CPU and memory. Exit 1 when an alert was lost, or (default clips) when",
                "the crying clip raised none or the smiling one raised one."})
public class BenchWardVideoCommand implements Callable<Integer> {

    @Option(names = "--clip", paramLabel = "FILE",
            description = "A video file per edge, looped like a camera (default: the shared crying clip, then the shared smiling one).")
    List<Path> clips;
    @Option(names = "--beds-per-edge", defaultValue = "1", description = "Beds per edge, each watching the edge's clip (default ${DEFAULT-VALUE}).")
    int bedsPerEdge;
    @Option(names = "--seconds", defaultValue = "300", description = "Measured time after the warm-up (default ${DEFAULT-VALUE}).")
    double seconds;
    @Option(names = "--warmup", defaultValue = "20", paramLabel = "SECONDS", description = "Run before measuring, once frames flow (default ${DEFAULT-VALUE}).")
    double warmup;
    @Option(names = "--work", paramLabel = "DIR", description = "Where the processes' logs and stores go (default: a new temporary folder).")
    Path work;

    @Override
    public Integer call() throws Exception {
        boolean defaults = clips == null || clips.isEmpty();
        List<Path> use = defaults ? List.of(SharedData.root().resolve(SharedData.CRYING_CLIP), SharedData.root().resolve(SharedData.SMILING_CLIP)) : clips;
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("vigil-bench-ward-video");
        WardVideoBenchmark.Result r = WardVideoBenchmark.run(use, bedsPerEdge, warmup, seconds, dir, System.err);
        print(r, System.out);
        boolean lost = r.atCentral() < r.raised();
        boolean expected = !defaults || (r.edges().get(0).raised() > 0 && r.edges().get(1).raised() == 0);
        if (lost) System.out.println("FAILED: " + (r.raised() - r.atCentral()) + " alert(s) raised at an edge never reached the central station");
        if (!expected) System.out.println("FAILED: expected distress alerts from the crying clip's edge and none from the smiling clip's");
        return lost || !expected ? 1 : 0;
    }

    static void print(WardVideoBenchmark.Result r, PrintStream out) {
        out.printf(Locale.ROOT, "Real video ward on one box, %s, %s, %d cores, Java %s%n", r.start().truncatedTo(ChronoUnit.SECONDS),
                BenchModelCommand.cpuModel(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        out.printf(Locale.ROOT, "measured %.0f s; load average at the end: %s%n%n", r.seconds(), r.loadAverage());
        out.println("| process | clip (beds) | analysed fps per bed | frames dropped | distress alerts raised | at the central | CPU | RSS mean / max |");
        out.println("|---|---|---|---|---|---|---|---|");
        List<ProcessMeter.Use> uses = r.processes();
        for (ProcessMeter.Use u : uses) {
            WardVideoBenchmark.EdgeResult e = r.edges().stream().filter(x -> u.role().equals("edge " + x.edge())).findFirst().orElse(null);
            String work = e == null ? "| | | | | " : String.format(Locale.ROOT, "| %s (%d) | %.1f | %d (%.1f %%) | %d | %d ",
                    e.clip().getFileName(), e.beds().size(), e.fpsPerBed(), e.dropped(), e.droppedPct(), e.raised(), e.atCentral());
            out.printf(Locale.ROOT, "| %s %s| %.0f %% of a core | %.0f / %.0f MB |%n", u.role(), work, u.cpuPct(), u.rssMeanMb(), u.rssMaxMb());
        }
        out.printf(Locale.ROOT, "| all %d processes | | | | %d | %d | %.0f %% of a core | %.0f MB (sum of means) |%n", uses.size(), r.raised(), r.atCentral(),
                uses.stream().mapToDouble(ProcessMeter.Use::cpuPct).sum(), uses.stream().mapToDouble(ProcessMeter.Use::rssMeanMb).sum());
        List<Double> lat = r.latenciesMs();
        out.printf(Locale.ROOT, "%nedge raise -> central's alert state at an observer: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d alerts)%n",
                NearestRank.of(lat, 0.5), NearestRank.of(lat, 0.99),
                NearestRank.of(lat, 1.0), lat.size());
        for (WardVideoBenchmark.EdgeResult e : r.edges()) {
            if (!Double.isNaN(e.frameToAlertMs())) {
                out.printf(Locale.ROOT, "edge %s: frame decoded -> alert published %.0f ms (mean)%n", e.edge(), e.frameToAlertMs());
            }
        }
    }
}
