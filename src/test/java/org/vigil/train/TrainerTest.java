package org.vigil.train;

import org.vigil.data.ImageSetLoader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.classify.EmotionLabels;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.ModelFile;
import org.vigil.data.ImageSet;
import org.vigil.eval.ConfusionMatrix;
import org.vigil.eval.Evaluator;
import org.vigil.testing.SharedFiles;

/** A short real training run on a FER-2013 subset: it must learn, checkpoint, resume and write its outputs. */
class TrainerTest {
    @TempDir Path tmp;

    TrainingOptions options(Path data, int epochs) {
        return options(data, epochs, null, tmp.resolve("m.vigil"));
    }

    TrainingOptions options(Path data, int epochs, Path initFrom, Path model) {
        return new TrainingOptions(data, 4, Architecture.COMPACT, epochs, 32, 2e-3, 1e-4, 0.0, 0.15, 10, 3, 0.5, 1e-5,
                TrainingOptions.ClassWeighting.SQRT, false, 42, 1500, 48, model, tmp.resolve("work"), 0, initFrom, null,
                TrainingOptions.Targets.DISTRIBUTION, null, 0.5, 0);
    }

    @Test
    void learnsFerPlusVoteDistributionsClearlyAboveChanceAndResumes() throws Exception {
        Path train = SharedFiles.require("data/ferplus/train");
        Path test = SharedFiles.require("data/ferplus/test");
        PrintStream log = new PrintStream(new ByteArrayOutputStream());
        Trainer.Result first = new Trainer(options(train, 1), log).run(false);
        assertThat(first.epochsDone()).isEqualTo(1);
        assertThat(Files.readAllLines(tmp.resolve("work/training-log.csv"))).hasSize(2);

        // Resume continues from the checkpoint instead of starting over.
        Trainer.Result resumed = new Trainer(options(train, 2), log).run(true);
        assertThat(resumed.epochsDone()).isEqualTo(2);
        List<String> rows = Files.readAllLines(tmp.resolve("work/training-log.csv"));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(2)).startsWith("2,");
        assertThat(tmp.resolve("work/learning-curves.png")).isNotEmptyFile();

        // The best model is a valid Vigil model and beats chance (25%) on unseen test images.
        try (EmotionModel m = ModelFile.load(tmp.resolve("m.vigil"))) {
            assertThat(m.labels()).isEqualTo(EmotionLabels.FOUR);
            // FER+ test faces (majority labels) the run never saw: train is FER-2013 Training, test is PrivateTest.
            ImageSet sample = ImageSetLoader.load(test, EmotionLabels.FOUR, 48, 48, null).limitPerClass(100, 9);
            ConfusionMatrix cm = Evaluator.evaluate(m, sample);
            assertThat(cm.accuracy()).isGreaterThan(0.35);

            // --epochs 0 rebuilds the best model from best-weights.samediff (a lost model file) and leaves the run's log alone.
            Path again = tmp.resolve("again.vigil");
            Trainer.Result export = new Trainer(options(train, 0, tmp.resolve("work/best-weights.samediff"), again), log).run(false);
            assertThat(export.bestValAccuracy()).isEqualTo(Math.max(first.bestValAccuracy(), resumed.bestValAccuracy()), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(Files.readAllLines(tmp.resolve("work/training-log.csv"))).isEqualTo(rows);
            try (EmotionModel rebuilt = ModelFile.load(again)) {
                List<byte[]> faces = List.of(sample.image(0), sample.image(1), sample.image(2));
                float[][] want = m.predict(faces), got = rebuilt.predict(faces);
                for (int i = 0; i < want.length; i++) {
                    for (int k = 0; k < want[i].length; k++) assertThat(got[i][k]).isCloseTo(want[i][k], org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
        }
        assertThatThrownBy(() -> new Trainer(options(train, 0, null, tmp.resolve("none.vigil")), log).run(false))
                .hasMessageContaining("--init-from");
    }

    @Test
    void weightAveragingJudgesTheMeanOfTheEpochsWeightsAndResumesWithIt() throws Exception {
        Path train = SharedFiles.require("data/ferplus/train");
        PrintStream log = new PrintStream(new ByteArrayOutputStream());
        Path work = tmp.resolve("work"), model = tmp.resolve("swa.vigil");
        java.util.function.IntFunction<TrainingOptions> averaged = epochs -> new TrainingOptions(train, 4, Architecture.COMPACT,
                epochs, 32, 2e-3, 1e-4, 0.0, 0.15, 10, 3, 0.5, 1e-5, TrainingOptions.ClassWeighting.SQRT, false, 42, 300, 48,
                model, work, 0, null, null, TrainingOptions.Targets.DISTRIBUTION, null, 0.5, 1);
        new Trainer(averaged.apply(1), log).run(false);
        Map<String, INDArray> w1 = weights(work.resolve(Trainer.CHECKPOINT));
        assertSameWeights(weights(work.resolve("average-after-epoch-1.samediff")), w1, 0);

        // Resumed: the average goes on from the file, and training from the epoch's own weights, not the average.
        Trainer.Result r = new Trainer(averaged.apply(2), log).run(true);
        Map<String, INDArray> w2 = weights(work.resolve(Trainer.CHECKPOINT));
        Map<String, INDArray> mean = new java.util.HashMap<>();
        w1.forEach((k, v) -> mean.put(k, v.add(w2.get(k)).divi(2)));
        assertThat(w2.get("fc_w")).isNotEqualTo(w1.get("fc_w"));
        Map<String, INDArray> avg2 = weights(work.resolve("average-after-epoch-2.samediff"));
        assertSameWeights(avg2, mean, 1e-6);
        assertThat(work.resolve("average-after-epoch-1.samediff")).doesNotExist();
        // The best epoch's weights are the average the model was made from.
        assertSameWeights(weights(work.resolve(Trainer.BEST_WEIGHTS)), r.bestEpoch() == 2 ? mean : w1, 1e-6);
        try (EmotionModel m = ModelFile.load(model)) {
            assertThat(m.metadata().metrics()).containsEntry("averaged_epochs", (double) r.bestEpoch());
        }
    }

    private static Map<String, INDArray> weights(Path file) {
        SameDiff sd = SameDiff.load(file.toFile(), false);
        Map<String, INDArray> w = new java.util.TreeMap<>();
        for (SDVariable v : NetworkBuilder.parameters(sd)) w.put(v.name(), v.getArr().dup());
        return w;
    }

    private static void assertSameWeights(Map<String, INDArray> got, Map<String, INDArray> want, double tolerance) {
        assertThat(got.keySet()).isEqualTo(want.keySet()).isNotEmpty();
        for (String k : want.keySet()) {
            assertThat(got.get(k).equalsWithEps(want.get(k), tolerance)).as(k).isTrue();
        }
    }

    @Test
    void classWeightsFavourRareClassesAndKeepTheAverage() {
        Trainer t = new Trainer(options(Path.of("x"), 1), System.out);
        int[] counts = {100, 400};
        float[] w = t.classWeights(counts);
        assertThat(w[0]).isGreaterThan(w[1]);
        assertThat((w[0] * 100 + w[1] * 400) / 500).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void augmentationChangesImagesButKeepsThemImages() {
        byte[] src = new byte[48 * 48];
        for (int i = 0; i < src.length; i++) src[i] = (byte) ((i % 48) * 5);
        byte[] dst = new byte[src.length];
        new Augmenter(Augmenter.Settings.DEFAULT).apply(src, 0, 48, 48, dst, 0, new java.util.SplittableRandom(1));
        assertThat(dst).isNotEqualTo(src);
        byte[] same = new byte[src.length];
        new Augmenter(Augmenter.Settings.NONE).apply(src, 0, 48, 48, same, 0, new java.util.SplittableRandom(1));
        assertThat(same).isEqualTo(src);
    }
}
