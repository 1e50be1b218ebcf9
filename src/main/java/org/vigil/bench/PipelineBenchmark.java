package org.vigil.bench;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.vigil.app.Settings;
import org.vigil.app.Vigil;
import org.vigil.capture.SourceSpec;
import org.vigil.classify.EmotionModel;
import org.vigil.pipeline.Pipeline;
import org.vigil.pipeline.PipelineConfig;
import org.vigil.pipeline.PipelineStats;
import org.vigil.rules.RuleEngine;

/**
 * Runs the real pipeline (decode, detect, track, batched classification, smoothing, rules) on N
 * copies of a real clip re-encoded at the benchmark size and rate, and reports throughput,
 * real-time rates, latency and where the time goes.
 */
public final class PipelineBenchmark {
    private final Path source;
    private final int width;
    private final int height;
    private final double seconds;
    private final EmotionModel model;
    private final Settings settings;
    private final java.util.function.Supplier<RuleEngine> rules;
    private final Map<Double, Path> clips = new HashMap<>();

    /** One run's figures. fps = 0 means "as fast as possible" (every frame analysed). */
    public record Result(int streams, double sourceFps, long frames, double wallS, double perStreamFps, double totalFps,
                         double droppedShare, double latencyP50, double latencyP99, double frameLatencyP50,
                         double frameLatencyP99, Map<String, Double> stageMs, Map<String, Double> stageShare,
                         double meanBatch, String loadBefore) {}

    /** @param settings detector, classification rate and detection size (sources and pacing are the benchmark's) */
    public PipelineBenchmark(Path source, int width, int height, double seconds, EmotionModel model, Settings settings,
                             java.util.function.Supplier<RuleEngine> rules) {
        this.source = source;
        this.width = width;
        this.height = height;
        this.seconds = seconds;
        this.model = model;
        this.settings = settings;
        this.rules = rules;
    }

    /** @param fps source rate for a real-time run, 0 for a throughput run (clip at 30 fps, no pacing) */
    public Result run(int streams, double fps) throws Exception {
        Path clip = clip(fps > 0 ? fps : 30);
        List<SourceSpec> sources = new ArrayList<>();
        for (int i = 0; i < streams; i++) sources.add(SourceSpec.parse("bench-" + (i + 1), clip.toString()));
        PipelineConfig config = Vigil.pipelineConfig(settings.toBuilder().sources(sources).realtime(fps > 0).build());
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        System.err.printf(Locale.ROOT, "bench: %d stream(s), %s ...%n", streams, fps > 0 ? "real time at " + fps + " fps" : "as fast as possible");
        Pipeline p = new Pipeline(config, model, rules.get()); // fresh rule state per run
        p.start();
        p.awaitSources(30, TimeUnit.MINUTES);
        p.close();
        PipelineStats s = p.stats();
        double perStream = s.beds().values().stream().mapToDouble(PipelineStats.BedCounters::fps).average().orElse(0);
        long frames = s.totalFrames();
        long dropped = s.beds().values().stream().mapToLong(b -> b.dropped.sum()).sum();
        double wall = s.wallSeconds();
        Map<String, Double> totals = s.stageTotalMillis();
        double sum = totals.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> share = new java.util.LinkedHashMap<>();
        totals.forEach((k, v) -> share.put(k, sum == 0 ? 0 : v / sum));
        return new Result(streams, fps, frames, wall, perStream, frames / wall,
                dropped / (double) Math.max(1, frames + dropped), s.latencyMillis(0.5), s.latencyMillis(0.99),
                s.frameLatencyMillis(0.5), s.frameLatencyMillis(0.99), s.stageMillis(), share, s.meanBatchSize(), load);
    }

    /** The source clip resized to the benchmark size and resampled to fps, looped to the run length; cached. */
    Path clip(double fps) throws IOException {
        Path cached = clips.get(fps);
        if (cached != null) return cached;
        Path out = Files.createTempFile("vigil-bench-" + width + "x" + height + "-" + (int) fps + "fps-", ".mp4");
        out.toFile().deleteOnExit();
        OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat();
        int total = (int) Math.round(seconds * fps);
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(out.toFile(), width, height, 0);
             Mat small = new Mat(); Size sz = new Size(width, height)) {
            rec.setFormat("mp4");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            rec.setFrameRate(fps);
            rec.setVideoQuality(3); // qscale 3: near-transparent, keeps faces detectable
            rec.start();
            int written = 0;
            while (written < total) {
                try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(source.toFile())) {
                    g.start();
                    double t0 = -1;
                    int pass = 0;
                    Frame f;
                    while (written < total && (f = g.grabImage()) != null) {
                        double t = f.timestamp / 1e6;
                        if (t0 < 0) t0 = t;
                        // Resample: emit this frame for every output slot its time covers.
                        Mat m = conv.convert(f);
                        resize(m, small, sz, 0, 0, INTER_AREA);
                        while (written < total && pass / fps <= t - t0) {
                            rec.record(conv.convert(small));
                            written++;
                            pass++;
                        }
                    }
                    g.stop();
                    if (pass == 0) throw new IOException("no frames in " + source);
                }
            }
            rec.stop();
        } catch (org.bytedeco.javacv.FrameRecorder.Exception | org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new IOException("cannot make the benchmark clip from " + source + ": " + e.getMessage(), e);
        }
        clips.put(fps, out);
        return out;
    }

    public static String markdown(List<Result> results, String modelName, String detector, int w, int h, double classifyFps,
                                  String nd4j) {
        StringBuilder sb = new StringBuilder();
        String cpu = cpuName();
        sb.append(String.format(Locale.ROOT, "### Pipeline, %dx%d, detector %s, model %s, classify %.0f fps/bed%n%n", w, h,
                detector, modelName, classifyFps));
        sb.append(String.format(Locale.ROOT, "Measured %s on %s, %d cores, %s, Java %s.%n%n", Instant.now().toString().substring(0, 16) + "Z",
                cpu, Runtime.getRuntime().availableProcessors(), nd4j, System.getProperty("java.version")));
        sb.append("Load average = the machine's 1- and 5-minute load before each run (other jobs share the 2 cores).\n\n");
        sb.append("| streams | source | fps per stream | total fps | dropped | decision latency p50 / p99 ms | frame latency p50 / p99 ms | load avg before |\n");
        sb.append("|---:|---|---:|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            // In "as fast as possible" runs frames queue up by design (nothing is dropped), so the
            // decision latency there measures the queue, not the pipeline: not reported.
            String decision = r.sourceFps() > 0 ? String.format(Locale.ROOT, "%.0f / %.0f", r.latencyP50(), r.latencyP99()) : "n/a";
            sb.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %.0f%% | %s | %.0f / %.0f | %s |%n", r.streams(),
                    r.sourceFps() > 0 ? String.format(Locale.ROOT, "real time %.0f fps", r.sourceFps()) : "as fast as possible",
                    r.perStreamFps(), r.totalFps(), 100 * r.droppedShare(), decision,
                    r.frameLatencyP50(), r.frameLatencyP99(), r.loadBefore().split(" ")[0] + " " + r.loadBefore().split(" ")[1]));
        }
        sb.append("\nWhere the time goes (mean ms per call; share of all stage time; classify is per batch of faces from all beds):\n\n");
        sb.append("| streams | source |");
        for (String st : PipelineStats.STAGES) sb.append(' ').append(st).append(" |");
        sb.append(" faces per batch |\n|---:|---|");
        for (int i = 0; i < PipelineStats.STAGES.length; i++) sb.append("---:|");
        sb.append("---:|\n");
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "| %d | %s |", r.streams(), r.sourceFps() > 0 ? String.format(Locale.ROOT, "%.0f fps", r.sourceFps()) : "fast"));
            for (String st : PipelineStats.STAGES) {
                sb.append(String.format(Locale.ROOT, " %.2f (%.0f%%) |", r.stageMs().get(st), 100 * r.stageShare().get(st)));
            }
            sb.append(String.format(Locale.ROOT, " %.1f |%n", r.meanBatch()));
        }
        return sb.toString();
    }

    private static String cpuName() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) return l.substring(l.indexOf(':') + 1).trim();
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }
}
