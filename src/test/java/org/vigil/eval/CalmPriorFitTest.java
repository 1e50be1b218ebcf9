package org.vigil.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.classify.EmotionLabels;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.ModelFile;
import org.vigil.classify.TemperatureScaling;
import org.vigil.data.ImageSet;
import org.vigil.data.ImageSetLoader;
import org.vigil.testing.SharedFiles;

/** The prior shift on the resting class: what it does to probabilities, how it is chosen, and that a model file keeps it. */
class CalmPriorFitTest {
    private static final List<String> FOUR = EmotionLabels.FOUR; // angry happy relaxed sad
    @TempDir Path tmp;

    @Test
    void theShiftIsAddedAfterTheTemperature() {
        float[][] p = {{0.1f, 0.2f, 0.3f, 0.4f}};
        double[] shift = {0, 0, 0.5, 0};
        float[] q = TemperatureScaling.apply(p, 2.0, shift)[0];
        double[] want = TemperatureScaling.softmax(new double[] {Math.log(0.1) / 2, Math.log(0.2) / 2, Math.log(0.3) / 2 + 0.5,
                Math.log(0.4) / 2}, 1);
        for (int k = 0; k < 4; k++) assertThat((double) q[k]).isCloseTo(want[k], within(1e-6));
        assertThat(TemperatureScaling.apply(p, 1.0, new double[4])).as("no shift, T = 1: untouched").isSameAs(p);
    }

    /** 100 relaxed faces of which 10 lean sad by a small margin, 100 sad faces of which 10 are barely sad. */
    private static ModelAnswers ward() {
        int n = 200;
        double[][] probs = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            boolean relaxed = i < 100;
            boolean close = i % 10 == 0;
            labels[i] = relaxed ? 2 : 3;
            if (relaxed) probs[i] = close ? new double[] {0.05, 0.05, 0.40, 0.50} : new double[] {0.05, 0.1, 0.8, 0.05};
            else probs[i] = close ? new double[] {0.05, 0.05, 0.42, 0.48} : new double[] {0.05, 0.05, 0.1, 0.8};
        }
        return ModelAnswers.of(probs, labels, 1.0);
    }

    @Test
    void theSmallestShiftThatMeetsTheTargetIsChosenAndItsPriceReported() {
        CalmPriorFit.Result r = CalmPriorFit.fit(ward(), FOUR, 1.0, 0.05);
        assertThat(r.restClass()).isEqualTo("relaxed");
        assertThat(r.before().calmAsDistress()).isEqualTo(0.10);
        assertThat(r.before().distressCaught()).isEqualTo(1.0);
        // log(0.50/0.40) = 0.223 turns the leaning relaxed faces; log(0.48/0.42) = 0.134 the barely sad ones first.
        assertThat(r.after().shift()).isCloseTo(0.25, within(1e-9));
        assertThat(r.after().calmAsDistress()).isZero();
        assertThat(r.after().distressCaught()).as("the price: barely sad faces now read relaxed").isEqualTo(0.9);
        assertThat(CalmPriorFit.fit(ward(), FOUR, 1.0, 0.20).after().shift()).as("already within target").isZero();
    }

    @Test
    void anUnreachableTargetOrAModelWithoutARestingClassIsRefused() {
        double[][] p = {{0.01, 0.01, 0.01, 0.97}};
        ModelAnswers hopeless = ModelAnswers.of(p, new int[] {2}, 1.0);
        assertThatThrownBy(() -> CalmPriorFit.fit(hopeless, FOUR, 1.0, 0.03)).hasMessageContaining("relaxed")
                .hasMessageContaining("3.0 %");
        assertThatThrownBy(() -> CalmPriorFit.fit(hopeless, List.of("angry", "happy", "fear", "sad"), 1.0, 0.03))
                .hasMessageContaining("no resting class");
    }

    /** On real FER+ faces: a model file with a shift gives the shifted probabilities, and evaluation sees them. */
    @Test
    void aShiftedModelFileReadsFewerRealCalmFacesAsDistress() throws Exception {
        Path valid = SharedFiles.require("data/ferplus/valid");
        try (EmotionModel model = ModelFile.load(Path.of("models/vigil-ferplus4-compact.vigil"))) {
            ImageSet all = ImageSetLoader.load(valid, model.labels(), 48, 48, null);
            ImageSet sample = all.subset(IntStream.range(0, 600).map(i -> i * (all.size() / 600)).toArray());
            Evaluation plain = Evaluator.assess(model, sample);
            Path file = tmp.resolve("shifted.vigil");
            ModelFile.save(model, model.metadata().withPriorShift(Map.of("relaxed", 1.0)), file);
            try (EmotionModel shifted = ModelFile.load(file)) {
                assertThat(shifted.metadata().priorShift()).containsEntry("relaxed", 1.0);
                Evaluation ev = Evaluator.assess(shifted, sample);
                assertThat(ev.confusion().calmAsDistress()).isLessThan(plain.confusion().calmAsDistress());
                // The evaluation's answers carry the shift: their accuracy is the confusion's, at the model's temperature.
                assertThat(ev.answers().accuracy(ev.temperature())).isCloseTo(ev.confusion().accuracy(), within(1e-9));
                assertThat(ev.answers().withShift(null).accuracy(ev.temperature())).isCloseTo(plain.confusion().accuracy(), within(1e-9));
            }
        }
    }
}
