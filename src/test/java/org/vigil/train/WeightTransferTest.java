package org.vigil.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vigil.classify.EmotionLabels;

class WeightTransferTest {
    @TempDir Path tmp;
    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

    /** A 4-class net started from a 7-class one gives each of its classes the logit of the same emotion. */
    @Test
    void fourClassHeadTakesTheMatchingColumnsOfASevenClassNet() throws Exception {
        SameDiff seven = NetworkBuilder.training(Architecture.COMPACT, 7, 48, 48, 4, 0.0, 1).graph();
        seven.getVariable("fc_b").getArr().assign(Nd4j.createFromArray(0f, 1f, 2f, 3f, 4f, 5f, 6f));
        Path file = tmp.resolve("seven.samediff");
        seven.save(file.toFile(), false);

        SameDiff four = NetworkBuilder.training(Architecture.COMPACT, 4, 48, 48, 4, 0.0, 2).graph();
        WeightTransfer.copy(file, four, EmotionLabels.FOUR, quiet);

        // angry happy relaxed sad <- FER indices 0 3 6 4
        assertThat(four.getVariable("fc_b").getArr().toFloatVector()).containsExactly(0f, 3f, 6f, 4f);
        INDArray w7 = seven.getVariable("fc_w").getArr(), w4 = four.getVariable("fc_w").getArr();
        assertThat(w4.getColumn(2)).isEqualTo(w7.getColumn(6));
        assertThat(w4.getColumn(3)).isEqualTo(w7.getColumn(4));
        assertThat(four.getVariable("c3_w").getArr()).isEqualTo(seven.getVariable("c3_w").getArr());

        // So the 4-class logits are exactly the 7-class logits of those emotions.
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 48, 48);
        INDArray l7 = seven.output(Map.of(NetworkBuilder.INPUT, x), NetworkBuilder.LOGITS).get(NetworkBuilder.LOGITS);
        INDArray l4 = four.output(Map.of(NetworkBuilder.INPUT, x), NetworkBuilder.LOGITS).get(NetworkBuilder.LOGITS);
        for (int[] pair : new int[][] {{0, 0}, {1, 3}, {2, 6}, {3, 4}}) {
            assertThat(l4.getColumn(pair[0]).sub(l7.getColumn(pair[1])).amaxNumber().doubleValue()).isLessThan(1e-4);
        }
    }

    /** resnet-lite is the ResNet less its 48x48 block: it starts from every other ResNet weight, unchanged. */
    @Test
    void resnetLiteStartsFromATrainedResnet() throws Exception {
        SameDiff resnet = NetworkBuilder.training(Architecture.RESNET, 7, 48, 48, 4, 0.0, 1).graph();
        Path file = tmp.resolve("resnet.samediff");
        resnet.save(file.toFile(), false);
        SameDiff lite = NetworkBuilder.training(Architecture.parse("resnet-lite"), 7, 48, 48, 4, 0.0, 2).graph();
        assertThat(lite.hasVariable("r1a_w")).isFalse();
        assertThat(lite.getVariable("r2a_w").getArr()).isNotEqualTo(resnet.getVariable("r2a_w").getArr());

        WeightTransfer.copy(file, lite, EmotionLabels.FER7, quiet);

        for (String v : new String[] {"stem_w", "r2a_w", "r2s_w", "r4b_gamma", "fc_w"}) {
            assertThat(lite.getVariable(v).getArr()).as(v).isEqualTo(resnet.getVariable(v).getArr());
        }
        // The other way round a ResNet misses its first block.
        Path liteFile = tmp.resolve("lite.samediff");
        lite.save(liteFile.toFile(), false);
        assertThatThrownBy(() -> WeightTransfer.copy(liteFile, resnet, EmotionLabels.FER7, quiet))
                .hasMessageContaining("has no parameter r1a_");
        assertThat(Architecture.RESNET_LITE.id()).isEqualTo("resnet-lite");
    }

    @Test
    void anotherArchitectureOrAMissingFileIsAClearError() throws Exception {
        SameDiff resnet = NetworkBuilder.training(Architecture.RESNET, 7, 48, 48, 4, 0.0, 1).graph();
        Path file = tmp.resolve("resnet.samediff");
        resnet.save(file.toFile(), false);
        SameDiff compact = NetworkBuilder.training(Architecture.COMPACT, 7, 48, 48, 4, 0.0, 1).graph();
        assertThatThrownBy(() -> WeightTransfer.copy(file, compact, EmotionLabels.FER7, quiet))
                .hasMessageContaining(file.toString()).hasMessageContaining("has no parameter c1_");
        assertThatThrownBy(() -> WeightTransfer.copy(tmp.resolve("nope.samediff"), compact, EmotionLabels.FER7, quiet))
                .hasMessageContaining("nope.samediff");
        Path junk = Files.writeString(tmp.resolve("junk.samediff"), "not a graph");
        assertThatThrownBy(() -> WeightTransfer.copy(junk, compact, EmotionLabels.FER7, quiet))
                .hasMessageContaining("junk.samediff");
    }

    @Test
    void cosineAnnealingRunsFromTheRateToTheFloorAndIsAFunctionOfTheEpoch() {
        TrainingOptions o = new TrainingOptions(Path.of("x"), 7, Architecture.COMPACT, 30, 64, 1e-3, 0, 0, 0.1, 10, 3, 0.5,
                1e-5, TrainingOptions.ClassWeighting.NONE, true, 42, 0, 48, Path.of("m.vigil"), Path.of("w"), 19, null, null,
                TrainingOptions.Targets.DISTRIBUTION, null, 0.5, 0);
        assertThat(o.annealing(18)).isFalse();
        assertThat(o.annealing(19)).isTrue();
        assertThat(o.annealedRate(19)).isEqualTo(1e-3);
        double previous = 1;
        for (int e = 19; e <= 30; e++) {
            assertThat(o.annealedRate(e)).isLessThanOrEqualTo(previous).isGreaterThan(1e-5);
            previous = o.annealedRate(e);
        }
        assertThat(o.annealedRate(30)).isLessThan(5e-5);
        assertThat(o.annealedRate(25)).isBetween(4e-4, 7e-4);
    }
}
