package org.vigil.train;

import org.vigil.data.ImageSetLoader;
import org.vigil.data.ImageSet;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.autodiff.listeners.profiler.ProfilingListener;
import org.nd4j.autodiff.samediff.SameDiff;
import org.vigil.classify.EmotionLabels;

/**
 * Training throughput of the real training step (same graph, optimiser, augmentation, batch
 * building and GC policy as {@link Trainer}) on real images, for several variants measured in
 * turn (A, B, A, B, ...) so that a machine shared with other jobs affects them alike.
 */
public final class TrainingSpeedBench {
    /** One way of training to time. */
    public record Variant(String name, NetworkBuilder.BatchNormOps bn, int batch, EpochSteps.Settings steps) {
        /** "before" (the recipe before the speed work), "after" (today's defaults), or key=value,... over them. */
        public static Variant parse(String spec) {
            if (spec.equals("before")) return new Variant("before", NetworkBuilder.BatchNormOps.SEPARATE, 64, new EpochSteps.Settings(false, 10));
            if (spec.equals("after")) return new Variant("after", NetworkBuilder.DEFAULT_BN_OPS, 64, EpochSteps.Settings.DEFAULT);
            NetworkBuilder.BatchNormOps bn = NetworkBuilder.DEFAULT_BN_OPS;
            int batch = 64, gc = EpochSteps.Settings.DEFAULT.gcEvery();
            boolean prefetch = EpochSteps.Settings.DEFAULT.prefetch();
            for (String kv : spec.split("[,+]")) {
                String[] p = kv.split("=", 2);
                if (p.length != 2) throw new IllegalArgumentException("variant '" + spec + "': expected key=value, got '" + kv + "'");
                switch (p[0]) {
                    case "bn" -> bn = NetworkBuilder.BatchNormOps.valueOf(p[1].toUpperCase(Locale.ROOT).replace('-', '_'));
                    case "batch" -> batch = Integer.parseInt(p[1]);
                    case "gc" -> gc = Integer.parseInt(p[1]);
                    case "prefetch" -> prefetch = p[1].equals("on") || p[1].equals("true");
                    default -> throw new IllegalArgumentException("variant '" + spec + "': unknown key " + p[0]
                            + " (bn, batch, gc, prefetch)");
                }
            }
            return new Variant(spec, bn, batch, new EpochSteps.Settings(prefetch, gc));
        }
    }

    public record Options(Path data, Architecture arch, int classes, List<Variant> variants, int warmup, int steps,
                          int rounds, Path profileDir, int profileSteps) {}

    private final Options o;
    private final PrintStream out;

    public TrainingSpeedBench(Options options, PrintStream out) {
        this.o = options;
        this.out = out;
    }

    private static final class Run {
        final Variant v;
        final SameDiff sd;
        final BatchMaker maker;
        final List<Double> imagesPerSecond = new ArrayList<>();
        final EpochSteps.Times times = new EpochSteps.Times();
        int stepsDone; // position in the epoch's order, so each run trains on new batches

        Run(Variant v, SameDiff sd, BatchMaker maker) {
            this.v = v;
            this.sd = sd;
            this.maker = maker;
        }
    }

    /** @return median images/s per variant, in the order given */
    public Map<String, Double> run() throws Exception {
        List<String> labels = EmotionLabels.forClassCount(o.classes());
        out.printf("Loading %s ...%n", o.data());
        ImageSet train = ImageSetLoader.load(o.data(), labels, 48, 48, "Training");
        boolean soft = train.hasTargets();
        // An epoch of the real trainer uses every training image (FER+ validates on its own folder).
        int epochImages = train.size();
        int[] order = Trainer.permutation(train.size(), 42);
        List<Run> runs = new ArrayList<>();
        for (Variant v : o.variants()) {
            SameDiff sd = NetworkBuilder.training(o.arch(), o.classes(), 48, 48, v.batch(), 0.3, 42, v.bn()).graph();
            sd.setTrainingConfig(Trainer.trainingConfig(new AdjustableRate(4e-4), 1e-4));
            NetworkBuilder.createGradientsQuietly(sd);
            runs.add(new Run(v, sd, new BatchMaker(train, new Augmenter(Augmenter.Settings.DEFAULT), null, soft)));
        }
        out.printf("%d images (%s targets); %s, %d classes; %d warm-up + %d timed steps per run, %d round(s)%n",
                train.size(), soft ? "vote distribution" : "one-hot", o.arch().id(), o.classes(), o.warmup(), o.steps(), o.rounds());
        for (Run r : runs) {
            steps(r, order, o.warmup(), false); // JIT, oneDNN primitive caches, SameDiff's array cache
        }
        if (o.profileDir() != null) {
            for (Run r : runs) profile(r, order);
        }
        out.println();
        out.println("| round | variant | img/s | ms/step | of which: batch wait | sd.fit | System.gc |");
        out.println("|---:|---|---:|---:|---:|---:|---:|");
        for (int round = 1; round <= o.rounds(); round++) {
            for (Run r : runs) {
                EpochSteps.Times t = steps(r, order, o.steps(), true);
                double ips = t.steps * r.v.batch() / t.total();
                r.imagesPerSecond.add(ips);
                out.printf(Locale.ROOT, "| %d | %s | %.1f | %.0f | %.1f | %.0f | %.1f |%n", round, r.v.name(), ips,
                        1000 * t.total() / t.steps, 1000 * t.batchWait / t.steps, 1000 * t.fit / t.steps, 1000 * t.gc / t.steps);
            }
        }
        out.println();
        out.printf("| variant | median img/s | vs %s | minutes per epoch of %,d images |%n", runs.get(0).v.name(), epochImages);
        out.println("|---|---:|---:|---:|");
        Map<String, Double> medians = new LinkedHashMap<>();
        for (Run r : runs) medians.put(r.v.name(), median(r.imagesPerSecond));
        double base = medians.get(runs.get(0).v.name());
        for (Run r : runs) {
            double m = medians.get(r.v.name());
            out.printf(Locale.ROOT, "| %s | %.1f | %.2fx | %.1f |%n", r.v.name(), m, m / base, epochImages / m / 60);
        }
        return medians;
    }

    private EpochSteps.Times steps(Run r, int[] order, int n, boolean timed) {
        int perEpoch = order.length / r.v.batch();
        EpochSteps.Times sum = new EpochSteps.Times();
        while (n > 0) {
            if (r.stepsDone >= perEpoch) r.stepsDone = 0;
            int chunk = Math.min(n, perEpoch - r.stepsDone);
            int[] slice = java.util.Arrays.copyOfRange(order, r.stepsDone * r.v.batch(), order.length);
            EpochSteps es = new EpochSteps(r.maker, r.v.batch(), r.v.steps());
            es.run(r.sd, slice, 42, 1, chunk, done -> { });
            sum.batchWait += es.times().batchWait;
            sum.fit += es.times().fit;
            sum.gc += es.times().gc;
            sum.steps += es.times().steps;
            r.stepsDone += chunk;
            n -= chunk;
        }
        return sum;
    }

    /** SameDiff's per-op profile of a few steps, summarised by op type; the op total against the step time shows the rest (updater, Java). */
    private void profile(Run r, int[] order) throws Exception {
        Files.createDirectories(o.profileDir());
        File trace = o.profileDir().resolve("train-" + r.v.name().replaceAll("[^A-Za-z0-9=_-]", "_") + ".json").toFile();
        Files.deleteIfExists(trace.toPath()); // the listener refuses to overwrite
        ProfilingListener listener = ProfilingListener.builder(trace).recordAll().warmup(0).build();
        r.sd.setListeners(listener);
        EpochSteps.Times t;
        try {
            t = steps(r, order, o.profileSteps(), false);
        } finally {
            r.sd.setListeners();
        }
        Thread.sleep(1000); // the listener writes the trace on its own thread
        out.printf(Locale.ROOT, "%n### Profile of '%s': %d steps, %.0f ms per step (sd.fit %.0f, batch wait %.1f, System.gc %.1f); trace %s%n",
                r.v.name(), t.steps, 1000 * t.total() / t.steps, 1000 * t.fit / t.steps, 1000 * t.batchWait / t.steps,
                1000 * t.gc / t.steps, trace);
        out.println(OpProfileSummary.summarize(trace, t.steps));
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
