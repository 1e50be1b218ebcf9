package org.vigil.cli;

import org.vigil.base.SharedData;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.ModelFile;
import org.vigil.classify.ModelLoader;
import org.vigil.classify.ModelMetadata;
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
            ModelAnswers answers = Evaluator.assess(m, set).answers();
            double before = meta.temperature();
            double after = TemperatureFit.fit(answers);
            System.out.printf(Locale.ROOT, "%s (%s) on %s: %d faces, accuracy %.2f%% (%.1f s)%n", meta.name(), model,
                    set.source(), set.size(), answers.accuracy() * 100, (System.nanoTime() - t0) / 1e9);
            System.out.printf(Locale.ROOT, "%-7s %11s %8s %8s%n", "", "temperature", "NLL", "ECE");
            row("before", answers, before);
            row("after", answers, after);
            ModelFile.save(m, meta.withTemperature(after), target);
        }
        try (EmotionModel written = ModelFile.load(target)) { // read back: what we wrote must validate
            System.out.printf(Locale.ROOT, "wrote %s (temperature %.4f)%n", target, written.metadata().temperature());
        }
        return 0;
    }

    private static void row(String what, ModelAnswers answers, double temperature) {
        System.out.printf(Locale.ROOT, "%-7s %11.4f %8.4f %8.4f%n", what, temperature, answers.nll(temperature),
                answers.reliability(temperature, ReliabilityBins.DEFAULT_BINS).ece());
    }
}
