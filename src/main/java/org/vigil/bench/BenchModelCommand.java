package org.vigil.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.vigil.classify.ModelLoader;
import org.vigil.nd.NativeSetup;
import org.vigil.train.Architecture;
import org.vigil.train.NetworkBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Speed of the emotion model on this machine: single-face latency, batched throughput, and
 * training throughput (minutes per FER-2013 epoch). Wall-clock figures: run it on an idle machine.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Benchmark emotion-model inference latency/throughput and training speed on this machine.")
public class BenchModelCommand implements Callable<Integer> {
    @Option(names = {"--model", "-m"}, description = "model files to time (.vigil or Keras .h5); repeatable")
    List<Path> models = new ArrayList<>();
    @Option(names = "--train-arch", split = ",", defaultValue = "compact",
            description = "architectures whose training speed to measure (compact, resnet, resnet-lite; 'none' to skip); default ${DEFAULT-VALUE}")
    List<String> trainArchs;
    @Option(names = "--runs", defaultValue = "500", description = "timed single-face calls; default ${DEFAULT-VALUE}")
    int runs;
    @Option(names = "--batch", defaultValue = "64") int batch;

    @Override
    public Integer call() {
        System.out.printf("# Vigil model benchmark, %s, %s, %d cores, %s, Java %s%n", LocalDate.now(), cpuModel(),
                Runtime.getRuntime().availableProcessors(), NativeSetup.describe(), System.getProperty("java.version"));
        System.out.println("| model | input | params | single face median ms | p99 ms | batch " + batch + " faces/s |");
        System.out.println("|---|---|---|---|---|---|");
        for (Path p : models) {
            try (EmotionModel m = ModelLoader.load(p)) {
                int px = m.metadata().inputHeight() * m.metadata().inputWidth();
                Random r = new Random(1);
                List<byte[]> one = List.of(randomFace(px, r));
                // Warm up like a monitor that has run for a while: SameDiff's Java side needs a few hundred calls to be compiled.
                for (int i = 0; i < 500; i++) m.predict(one);
                double[] ms = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long t = System.nanoTime();
                    m.predict(one);
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(ms);
                List<byte[]> many = new ArrayList<>();
                for (int i = 0; i < batch; i++) many.add(randomFace(px, r));
                for (int i = 0; i < 20; i++) m.predict(many);
                int reps = 30;
                long t = System.nanoTime();
                for (int i = 0; i < reps; i++) m.predict(many);
                double fps = reps * batch / ((System.nanoTime() - t) / 1e9);
                System.out.printf(Locale.ROOT, "| %s | %dx%d | %,d | %.2f | %.2f | %.0f |%n", m.metadata().name(),
                        m.metadata().inputHeight(), m.metadata().inputWidth(), m.metadata().parameters(),
                        ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.99) - 1], fps);
            }
        }
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
