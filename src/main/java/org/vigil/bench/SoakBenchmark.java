package org.vigil.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.vigil.app.Settings;
import org.vigil.app.Vigil;
import org.vigil.capture.SourceSpec;
import org.vigil.pipeline.PipelineStats;

/**
 * A soak: the real monitor ({@link Vigil#assemble}: pipeline, alert system with its SQLite store,
 * JSON-lines file) on looping clips for a given time, sampled at a fixed interval for the things
 * that must not grow on a box left running for weeks: memory (RSS, live heap, native), threads,
 * file descriptors; and the things that must stay steady: fps, dropped frames, decision p99, GC.
 * Writes {@code soak.csv}, {@code soak.png} and {@code verdict.txt} into the output folder.
 * {@link #onDashboard()}: the nurse dashboard instead, the same pipeline behind a real window, sampled
 * also for the Swing thread's busy share and frame-to-screen latency.
 */
public final class SoakBenchmark {
    private final List<Path> clips;
    private final int beds;
    private final double seconds;
    private final Settings base;
    private final Path outDir;
    private final double sampleS;
    private final double gcEveryS;
    private final double warmupS;
    private final List<SoakSample> samples = new ArrayList<>();
    private boolean dashboard;

    /** What a run produced. */
    public record Result(List<SoakSample> samples, SoakVerdict verdict, Path csv, Path png, String loadBefore, String loadAfter) {}

    /**
     * @param clips    video files played in a loop, one per bed in turn
     * @param base     detector, model, rules, classification rate (sources, looping, store and output are the soak's)
     * @param sampleS  seconds between samples
     * @param gcEveryS a full GC before a sample this often, so the live heap can be read (0: never)
     * @param warmupS  samples before this are not judged
     */
    public SoakBenchmark(List<Path> clips, int beds, double seconds, Settings base, Path outDir, double sampleS,
                         double gcEveryS, double warmupS) {
        if (clips.isEmpty()) throw new IllegalArgumentException("a soak needs at least one clip");
        if (beds < 1) throw new IllegalArgumentException("--beds must be at least 1, got " + beds);
        if (!(seconds > warmupS)) throw new IllegalArgumentException("the run (" + seconds + " s) must be longer than the warm-up (" + warmupS + " s)");
        this.clips = List.copyOf(clips);
        this.beds = beds;
        this.seconds = seconds;
        this.base = base;
        this.outDir = outDir;
        this.sampleS = sampleS;
        this.gcEveryS = gcEveryS;
        this.warmupS = warmupS;
    }

    /** Soak the dashboard (a real window: needs a display) instead of the headless monitor. */
    public SoakBenchmark onDashboard() {
        dashboard = true;
        return this;
    }

    /** The settings the soak runs on: every bed on a looping clip, real time, a real alert store and JSON-lines file. */
    Settings settings() {
        List<SourceSpec> sources = new ArrayList<>();
        for (int i = 0; i < beds; i++) sources.add(SourceSpec.parse("bed-" + (i + 1), clips.get(i % clips.size()).toString()));
        return base.toBuilder().sources(sources).realtime(true).loopFiles(true)
                .alertsDb(outDir.resolve("soak-alerts.db").toString()).out(outDir.resolve("soak.jsonl")).build();
    }

    public Result run() throws Exception {
        Files.createDirectories(outDir);
        Path csv = outDir.resolve("soak.csv");
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        try (SoakSubject subject = dashboard ? DashboardSoak.open(settings()) : monitor(settings());
             Writer out = Files.newBufferedWriter(csv)) {
            out.write(SoakSample.CSV_HEADER + "\n");
            PipelineStats stats = subject.stats();
            subject.begin();
            long t0 = System.nanoTime();
            long prevNanos = t0, prevFrames = 0, prevDropped = 0, latencyMark = 0, prevGc = ProcessProbe.gcMillis();
            double lastGcAt = 0;
            for (int i = 1; ; i++) {
                long due = t0 + (long) (i * sampleS * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                if (subject.stats() != null && subject.stats() != stats) {
                    // The pipeline was restarted (the dashboard does on a source switch): its counters start again.
                    stats = subject.stats();
                    prevFrames = prevDropped = latencyMark = 0;
                }
                long now = System.nanoTime();
                double t = (now - t0) / 1e9;
                DashboardSoakProbe.Interval ui = subject.ui();
                long frames = stats.totalFrames();
                long dropped = stats.beds().values().stream().mapToLong(b -> b.dropped.sum()).sum();
                double p99 = stats.latencyMillisSince(latencyMark, 0.99);
                latencyMark = stats.latencyCount();
                long gc = ProcessProbe.gcMillis();
                double heapUsed = ProcessProbe.heapUsedMb(), rss = ProcessProbe.rssMb(), javacpp = ProcessProbe.javacppMb();
                double nd4j = ProcessProbe.nd4jMb();
                double heapAfter = Double.NaN, offAfter = Double.NaN;
                if (gcEveryS > 0 && t - lastGcAt >= gcEveryS - sampleS / 2) {
                    System.gc();
                    // JavaCPP frees the native side of collected pointers on its own thread: give it a moment.
                    Thread.sleep(200);
                    heapAfter = ProcessProbe.heapUsedMb();
                    offAfter = ProcessProbe.javacppMb(); // ND4J's CPU count is the same JavaCPP total (measured): not added twice
                    lastGcAt = t;
                }
                SoakSample s = new SoakSample(t, rss, heapUsed, heapAfter, javacpp, offAfter, nd4j, ProcessProbe.threads(),
                        ProcessProbe.openFds(), (frames - prevFrames) / ((now - prevNanos) / 1e9) / beds, dropped - prevDropped,
                        p99, gc - prevGc, stats.totalAlerts() + stats.beds().values().stream().mapToLong(b -> b.technicalAlerts.sum()).sum(),
                        ProcessProbe.load1(), ui == null ? Double.NaN : ui.edtBusyPct(), ui == null ? Double.NaN : ui.edtLagMs(),
                        ui == null ? Double.NaN : ui.screenP99Ms());
                prevGc = ProcessProbe.gcMillis(); // the forced GC is the probe's, not the pipeline's
                prevNanos = now;
                prevFrames = frames;
                prevDropped = dropped;
                samples.add(s);
                out.write(s.csv() + "\n");
                out.flush();
                if (i % Math.max(1, (int) Math.round(60 / sampleS)) == 0) {
                    System.err.printf(Locale.ROOT, "soak: %.0f / %.0f min, RSS %.0f MB, heap %.0f MB, JavaCPP %.1f MB, threads %d, fds %d, fps %.1f%s%n",
                            t / 60, seconds / 60, rss, heapUsed, javacpp, s.threads(), s.fds(), s.fps(), ui == null ? ""
                                    : String.format(Locale.ROOT, ", Swing thread %.0f %%, frame-to-screen p99 %.0f ms", ui.edtBusyPct(), ui.screenP99Ms()));
                }
                if (t >= seconds) break;
            }
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        SoakVerdict verdict = SoakVerdict.of(samples, warmupS);
        Path png = outDir.resolve("soak.png");
        SoakChart.write(samples, warmupS, String.format(Locale.ROOT, "Soak%s: %d beds, %.1f min", dashboard ? " (dashboard)" : "",
                beds, seconds / 60), png);
        Files.writeString(outDir.resolve("verdict.txt"), verdict.line() + "\nload average before: " + loadBefore
                + "\nload average after: " + loadAfter + "\n");
        return new Result(List.copyOf(samples), verdict, csv, png, loadBefore, loadAfter);
    }

    /** The headless monitor, as ./run.sh monitor runs it. */
    private static SoakSubject monitor(Settings settings) throws Exception {
        Vigil vigil = Vigil.assemble(settings, new PrintStream(OutputStream.nullOutputStream()));
        try {
            vigil.start();
        } catch (RuntimeException e) {
            vigil.close();
            throw e;
        }
        return new SoakSubject() {
            @Override
            public PipelineStats stats() {
                return vigil.pipeline().stats();
            }

            @Override
            public void close() throws Exception {
                vigil.close();
            }
        };
    }

    /** The clips at the benchmark size and rate (as {@code bench pipeline} makes them); {@code fps} 0 keeps the files as they are. */
    public static List<Path> clips(List<Path> sources, double fps, int width, int height) throws IOException {
        if (fps <= 0) return sources;
        List<Path> out = new ArrayList<>();
        for (Path s : sources) out.add(new PipelineBenchmark(s, width, height, 20, null, null, null).clip(fps));
        return out;
    }
}
