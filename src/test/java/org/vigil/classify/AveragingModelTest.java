package org.vigil.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ensemble of the two shipped 4-class models: the mean of their (calibrated) answers. */
class AveragingModelTest {
    private static final Path RESNET = Path.of("models/vigil-ferplus4-resnet.vigil");
    private static final Path COMPACT = Path.of("models/vigil-ferplus4-compact.vigil");

    @Test
    void eachRowIsTheMeanOfTheMembersAnswers() {
        Random r = new Random(11);
        byte[] a = new byte[48 * 48], b = new byte[48 * 48];
        r.nextBytes(a);
        r.nextBytes(b);
        try (EmotionModel resnet = ModelFile.load(RESNET); EmotionModel compact = ModelFile.load(COMPACT)) {
            float[][] x = resnet.predict(List.of(a, b)), y = compact.predict(List.of(a, b));
            AveragingModel mean = new AveragingModel(List.of(resnet, compact));
            float[][] both = mean.predict(List.of(a, b));
            assertThat(both).hasNumberOfRows(2);
            for (int i = 0; i < 2; i++) {
                float sum = 0;
                for (int k = 0; k < both[i].length; k++) {
                    assertThat(both[i][k]).isCloseTo((x[i][k] + y[i][k]) / 2, within(1e-6f));
                    sum += both[i][k];
                }
                assertThat(sum).isCloseTo(1f, within(1e-4f));
            }
            // the members applied their own temperatures: the ensemble must not be scaled again
            assertThat(resnet.metadata().temperature()).isNotEqualTo(1.0);
            assertThat(mean.metadata().temperature()).isEqualTo(1.0);
            assertThat(mean.metadata().priorShift()).isEmpty();
            assertThat(mean.metadata().name()).isEqualTo("mean(" + resnet.metadata().name() + " + " + compact.metadata().name() + ")");
            assertThat(mean.labels()).isEqualTo(resnet.labels());
        }
    }

    @Test
    void membersThatAnswerOtherClassesAreRefusedByName() {
        try (EmotionModel four = ModelFile.load(COMPACT); EmotionModel seven = ModelFile.load(Path.of("models/vigil-ferplus7-compact.vigil"))) {
            assertThatThrownBy(() -> new AveragingModel(List.of(four, seven)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(four.metadata().name())
                    .hasMessageContaining(seven.metadata().name())
                    .hasMessageContaining("different classes");
        }
    }
}
