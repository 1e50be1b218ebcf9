package org.vigil.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.FlipAveragingModel;
import org.vigil.classify.ModelLoader;
import org.vigil.nd.NativeSetup;
import org.vigil.train.Architecture;
import org.vigil.train.NetworkBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Speed of the emotion model on this machine: single-face latency, batched throughput, and
 * training throughput (minutes per FER-2013 epoch). Wall-clock figures: run it on an idle machine.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Benchmark emotion-model inference latency/throughput and training speed on this machine.")
public class BenchModelCommand implements Callable<Integer> {
    private static final int WARMUP_SINGLE = 500, WARMUP_BATCHES = 10, BATCHES_PER_ROUND = 6;
    @Spec CommandSpec spec;
    @Option(names = {"--model", "-m"}, description = "model files to time (.vigil or Keras .h5); repeatable")
    List<Path> models = new ArrayList<>();
    @Option(names = "--train-arch", split = ",", defaultValue = "compact",
            description = "architectures whose training speed to measure (compact, resnet, resnet-lite; 'none' to skip); default ${DEFAULT-VALUE}")
    List<String> trainArchs;
    @Option(names = "--runs", defaultValue = "100", description = "timed single-face calls per model and round; default ${DEFAULT-VALUE}")
    int runs;
    @Option(names = "--rounds", defaultValue = "5",
            description = "rounds; each model takes its turn in every round (A B A B ...) so the machine's drift touches all alike; default ${DEFAULT-VALUE}")
    int rounds;
    @Option(names = "--batch", defaultValue = "64") int batch;
    @Option(names = "--flip-tta", description = "also time each model averaged with its mirror image (one batch of two faces a call)")
    boolean flipTta;

    @Override
    public Integer call() {
        if (runs < 1 || rounds < 1) throw new ParameterException(spec.commandLine(), "--runs and --rounds must be at least 1");
        System.out.printf("# Vigil model benchmark, %s, %s, %d cores, %s, Java %s, load average %s%n",
                Instant.now().truncatedTo(ChronoUnit.MINUTES), cpuModel(), Runtime.getRuntime().availableProcessors(),
                NativeSetup.describe(), System.getProperty("java.version"), loadAverage());
        if (!models.isEmpty()) timeModels();
        if (!trainArchs.contains("none")) {
            System.out.println();
            System.out.println("| training arch | batch | images/s | minutes per FER-2013 epoch (25,838 images) |");
            System.out.println("|---|---|---|---|");
            for (String a : trainArchs) {
                Architecture arch = Architecture.parse(a);
                SameDiff sd = NetworkBuilder.training(arch, 7, 48, 48, batch, 0.3, 1).graph();
                sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(1e-3)).dataSetFeatureMapping(NetworkBuilder.INPUT)
                        .dataSetLabelMapping(NetworkBuilder.LABELS).build());
                NetworkBuilder.createGradientsQuietly(sd);
                DataSet ds = new DataSet(Nd4j.rand(DataType.FLOAT, batch, 1, 48, 48), Nd4j.eye(7).getRows(
                        java.util.stream.IntStream.range(0, batch).map(i -> i % 7).toArray()).castTo(DataType.FLOAT));
                for (int i = 0; i < 3; i++) sd.fit(ds);
                int iters = 20;
                long t = System.nanoTime();
                for (int i = 0; i < iters; i++) {
                    sd.fit(ds);
                    if (i % 10 == 9) System.gc();
                }
                double ips = iters * batch / ((System.nanoTime() - t) / 1e9);
                System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f |%n", arch.id(), batch, ips, 25838 / ips / 60);
            }
        }
        return 0;
    }

    /** Single-face latency and batch throughput of every model, interleaved in rounds. */
    private void timeModels() {
        System.out.printf("# %d rounds; per model and round %d single-face calls and %d batches of %d, after %d and %d warm-up calls and a GC%n",
                rounds, runs, BATCHES_PER_ROUND, batch, WARMUP_SINGLE, WARMUP_BATCHES);
        System.out.println("| model | input | params | single face median ms | rounds' medians ms | p99 ms | batch " + batch + " faces/s |");
        System.out.println("|---|---|---|---|---|---|---|");
        List<EmotionModel> loaded = new ArrayList<>(), timed = new ArrayList<>();
        try {
            InterleavedRounds single = new InterleavedRounds(), batched = new InterleavedRounds();
            Random r = new Random(1);
            for (Path p : models) {
                EmotionModel plain = ModelLoader.load(p);
                loaded.add(plain);
                int px = plain.metadata().inputHeight() * plain.metadata().inputWidth();
                List<byte[]> one = List.of(randomFace(px, r));
                List<byte[]> many = new ArrayList<>();
                for (int i = 0; i < batch; i++) many.add(randomFace(px, r));
                for (EmotionModel m : flipTta ? List.of(plain, new FlipAveragingModel(plain)) : List.of(plain)) {
                    timed.add(m);
                    String key = timed.size() + ":" + p; // the same file twice is two tasks
                    single.add(key, () -> m.predict(one));
                    batched.add(key, () -> m.predict(many));
                }
            }
            // Warm up like a monitor that has run for a while: SameDiff's Java side needs a few hundred calls to be compiled.
            // A garbage collection after the warm-up, as a running monitor has had many: in a fresh JVM a
            // loop of batches of 64 grows the process and runs slower until the first one (the ResNets
            // stay slow even after it; docs/benchmarks.md, "Inference graph").
            List<InterleavedRounds.Result> s = single.run(WARMUP_SINGLE, rounds, runs, System::gc);
            List<InterleavedRounds.Result> b = batched.run(WARMUP_BATCHES, rounds, BATCHES_PER_ROUND, System::gc);
            for (int i = 0; i < timed.size(); i++) {
                EmotionModel m = timed.get(i);
                InterleavedRounds.Result one = s.get(i);
                System.out.printf(Locale.ROOT, "| %s | %dx%d %s | %,d | %.2f | %.2f-%.2f | %.2f | %.0f |%n", m.metadata().name(),
                        m.metadata().inputHeight(), m.metadata().inputWidth(), m.metadata().layout(), m.metadata().parameters(),
                        one.medianMs(), one.fastestRoundMs(), one.slowestRoundMs(), one.p99Ms(), batch * 1000 / b.get(i).medianMs());
            }
        } finally {
            for (EmotionModel m : loaded) m.close();
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a"; // not Linux
        }
    }

    private static byte[] randomFace(int px, Random r) {
        byte[] b = new byte[px];
        r.nextBytes(b);
        return b;
    }

    static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) return l.substring(l.indexOf(':') + 1).trim();
            }
        } catch (Exception ignored) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }
}
