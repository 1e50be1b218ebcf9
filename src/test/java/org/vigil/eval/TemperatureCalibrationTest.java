package org.vigil.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.ModelFile;
import org.vigil.testing.SharedFiles;
import org.vigil.data.ImageSet;
import org.vigil.data.ImageSetLoader;

class TemperatureCalibrationTest {
    static final Path SHIPPED_MODEL = Path.of("models/vigil-fer7-compact.vigil");
    @TempDir Path tmp;

    /**
     * On 700 real FER+ validation faces the shipped model is over-confident: the fitted temperature
     * is above 1, lowers the NLL, and is a minimum. Saved into the model file, it changes what the
     * loaded model predicts exactly as p_i^(1/T) / sum_j p_j^(1/T), and never the predicted class.
     */
    @Test
    void fittedTemperatureLowersNllOnRealFacesAndSurvivesSaveAndLoad() throws Exception {
        Path valid = SharedFiles.require("data/ferplus/valid");
        try (EmotionModel model = ModelFile.load(SHIPPED_MODEL)) {
            assertThat(model.metadata().temperature()).isEqualTo(1.0);
            ImageSet all = ImageSetLoader.load(valid, model.labels(), 48, 48, null);
            List<Integer> idx = new ArrayList<>(IntStream.range(0, all.size()).boxed().toList());
            Collections.shuffle(idx, new Random(2026));
            ImageSet sample = all.subset(idx.subList(0, 700).stream().mapToInt(Integer::intValue).toArray());

            ModelAnswers answers = Evaluator.assess(model, sample).answers();
            double t = TemperatureFit.fit(answers);
            assertThat(t).isGreaterThan(1.05);
            assertThat(answers.nll(t)).isLessThan(answers.nll(1.0) - 0.005);
            assertThat(answers.nll(t)).isLessThanOrEqualTo(answers.nll(t * 1.05)).isLessThanOrEqualTo(answers.nll(t / 1.05));
            assertThat(answers.reliability(t, ReliabilityBins.DEFAULT_BINS).ece())
                    .isLessThan(answers.reliability(1.0, ReliabilityBins.DEFAULT_BINS).ece());

            Path file = tmp.resolve("calibrated.vigil");
            ModelFile.save(model, model.metadata().withTemperature(t), file);
            List<byte[]> faces = IntStream.range(0, 20).mapToObj(sample::image).toList();
            float[][] raw = model.predict(faces);
            try (EmotionModel calibrated = ModelFile.load(file)) {
                assertThat(calibrated.metadata().temperature()).isEqualTo(t);
                float[][] scaled = calibrated.predict(faces);
                double largestChange = 0;
                for (int i = 0; i < faces.size(); i++) {
                    double[] expected = powerNormalised(raw[i], t);
                    for (int k = 0; k < expected.length; k++) {
                        assertThat((double) scaled[i][k]).isCloseTo(expected[k], within(1e-5));
                        largestChange = Math.max(largestChange, Math.abs(scaled[i][k] - raw[i][k]));
                    }
                    assertThat(EmotionModel.argmax(scaled[i])).isEqualTo(EmotionModel.argmax(raw[i]));
                }
                assertThat(largestChange).isGreaterThan(0.01);
                // Scoring the calibrated model as it stands gives the fitted NLL.
                assertThat(Evaluator.assess(calibrated, sample).nll()).isCloseTo(answers.nll(t), within(1e-4));
            }
        }
    }

    /** Labels drawn from softmax(z / 2): the fit must find T = 2 again. */
    @Test
    void recoversTheTemperatureThatGeneratedTheLabels() {
        Random rnd = new Random(7);
        int n = 20_000, k = 5;
        double[][] p = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double[] z = new double[k];
            for (int c = 0; c < k; c++) z[c] = rnd.nextGaussian() * 4;
            double[] truth = org.vigil.classify.TemperatureScaling.softmax(z, 2.0);
            double u = rnd.nextDouble(), cum = 0;
            labels[i] = k - 1;
            for (int c = 0; c < k; c++) if (u < (cum += truth[c])) { labels[i] = c; break; }
            p[i] = org.vigil.classify.TemperatureScaling.softmax(z, 1.0);
        }
        assertThat(TemperatureFit.fit(ModelAnswers.of(p, labels, 1.0))).isCloseTo(2.0, within(0.1));
    }

    /** The formula of the brief, written independently of TemperatureScaling. */
    private static double[] powerNormalised(float[] p, double t) {
        double[] q = new double[p.length];
        double sum = 0;
        for (int k = 0; k < p.length; k++) sum += q[k] = Math.pow(p[k], 1 / t);
        for (int k = 0; k < p.length; k++) q[k] /= sum;
        return q;
    }
}
