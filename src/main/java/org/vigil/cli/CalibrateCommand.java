package org.vigil.cli;

import org.vigil.base.SharedData;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.ModelFile;
import org.vigil.classify.ModelLoader;
import org.vigil.classify.ModelMetadata;
import java.util.Map;
import org.vigil.eval.CalmPriorFit;
import org.vigil.eval.Evaluator;
import org.vigil.eval.ModelAnswers;
import org.vigil.eval.ReliabilityBins;
import org.vigil.eval.TemperatureFit;
import org.vigil.data.ImageSet;
import org.vigil.data.ImageSetLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Fit a model's softmax temperature so that its probabilities mean what they say: the temperature "
                + "that minimises the negative log-likelihood (NLL) of the majority labels of held-out faces. Prints NLL and "
                + "expected calibration error (ECE) before and after, and writes the model with the temperature in its "
                + "metadata. The most probable class, hence accuracy, does not change.")
public class CalibrateCommand implements Callable<Integer> {
    /** Held-out faces with crowd labels (FER+ PublicTest); the test split stays untouched for evaluation. */
    static final String DEFAULT_DATA = "data/ferplus/valid";

    @Option(names = {"--model", "-m"}, required = true,
            description = "the model to calibrate: a .vigil file, or a Keras .h5/.hdf5 (then --out is needed)")
    Path model;
    @Option(names = "--data", defaultValue = "${env:VIGIL_SHARED:-" + SharedData.DEFAULT_ROOT + "}/" + DEFAULT_DATA,
            description = "labelled faces to fit on, not the test set: FER+ folder (label.csv), class folders or "
                    + "challenge CSV; default ${DEFAULT-VALUE}")
    Path data;
    @Option(names = "--usage", description = "with a CSV: Training, PublicTest, PrivateTest or Test (both); default all rows")
    String usage;
    @Option(names = {"--out", "-o"}, description = "the .vigil file to write; default: the --model file itself (replaced atomically)")
    Path out;
    @Option(names = "--calm-as-distress-max", paramLabel = "SHARE",
            description = "also fit a prior shift on the resting class (neutral/relaxed): the smallest that brings calm faces "
                    + "read as angry or sad to at most this share (e.g. 0.03), reporting what it costs in distress faces caught; "
                    + "without it the model's shift is kept")
    Double calmAsDistressMax;

    @Override
    public Integer call() throws Exception {
        Path target = out != null ? out : model;
        if (out == null && ModelLoader.isKeras(model)) {
            throw new IllegalArgumentException(model + " is a Keras file: give --out <file>.vigil for the calibrated model");
        }
        if (!target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".vigil")) {
            throw new IllegalArgumentException("--out " + target + " must be a .vigil file");
        }
        try (EmotionModel m = ModelLoader.load(model)) {
            ModelMetadata meta = m.metadata();
            ImageSet set = ImageSetLoader.load(data, m.labels(), meta.inputHeight(), meta.inputWidth(), usage);
            if (set.size() == 0) throw new IllegalArgumentException(data + " has no faces labelled with " + m.labels());
            long t0 = System.nanoTime();
            ModelAnswers shipped = Evaluator.assess(m, set).answers();
            ModelAnswers plain = shipped.withShift(null); // the temperature is fitted on the network's own answers
            double before = meta.temperature();
            double after = TemperatureFit.fit(plain);
            System.out.printf(Locale.ROOT, "%s (%s) on %s: %d faces, accuracy %.2f%% (%.1f s)%n", meta.name(), model,
                    set.source(), set.size(), shipped.accuracy(before) * 100, (System.nanoTime() - t0) / 1e9);
            System.out.printf(Locale.ROOT, "%-7s %11s %8s %8s%n", "", "temperature", "NLL", "ECE");
            row("before", shipped, before);
            row("after", plain, after);
            ModelMetadata written = meta.withTemperature(after);
            if (calmAsDistressMax != null) {
                CalmPriorFit.Result r = CalmPriorFit.fit(plain, set.classNames(), after, calmAsDistressMax);
                System.out.printf(Locale.ROOT, "%-14s %8s %9s %17s %15s%n", "prior shift on", "shift", "accuracy", "calm as distress",
                        "distress caught");
                shift(r.restClass(), r.before());
                shift(r.restClass(), r.after());
                written = written.withPriorShift(r.after().shift() == 0 ? Map.of() : Map.of(r.restClass(), r.after().shift()));
                row("shifted", plain.withShift(CalmPriorFit.shiftOn(set.classNames(), r.restClass(), r.after().shift())), after);
            }
            ModelFile.save(m, written, target);
        }
        try (EmotionModel written = ModelFile.load(target)) { // read back: what we wrote must validate
            System.out.printf(Locale.ROOT, "wrote %s (temperature %.4f, prior shift %s)%n", target, written.metadata().temperature(),
                    written.metadata().priorShift());
        }
        return 0;
    }

    private static void shift(String rest, CalmPriorFit.Point p) {
        System.out.printf(Locale.ROOT, "%-14s %8.2f %8.2f%% %16.2f%% %14.2f%%%n", rest, p.shift(), p.accuracy() * 100,
                p.calmAsDistress() * 100, p.distressCaught() * 100);
    }

    private static void row(String what, ModelAnswers answers, double temperature) {
        System.out.printf(Locale.ROOT, "%-7s %11.4f %8.4f %8.4f%n", what, temperature, answers.nll(temperature),
                answers.reliability(temperature, ReliabilityBins.DEFAULT_BINS).ece());
    }
}
