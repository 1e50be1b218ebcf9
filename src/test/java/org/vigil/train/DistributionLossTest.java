package org.vigil.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The training loss against FER+ vote distributions is the cross-entropy -sum_c y_c log p_c, averaged over the batch. */
class DistributionLossTest {

    @Test
    void lossOnSoftTargetsEqualsTheHandComputedCrossEntropy() {
        int batch = 2, classes = 4;
        SameDiff sd = NetworkBuilder.training(Architecture.COMPACT, classes, 48, 48, batch, 0.0, 11).graph();
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 1, 48, 48).subi(0.5).muli(2);
        // Two faces: 6 of 10 votes neutral(relaxed) + 4 sad, and 7 angry + 3 sad.
        float[][] targets = {{0f, 0f, 0.6f, 0.4f}, {0.7f, 0f, 0f, 0.3f}};
        INDArray y = Nd4j.create(targets);
        Map<String, INDArray> r = sd.output(Map.of(NetworkBuilder.INPUT, x, NetworkBuilder.LABELS, y),
                List.of(NetworkBuilder.LOGITS, NetworkBuilder.LOSS));
        double[][] z = r.get(NetworkBuilder.LOGITS).toDoubleMatrix();
        double expected = 0;
        for (int i = 0; i < batch; i++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (double v : z[i]) max = Math.max(max, v);
            for (double v : z[i]) sum += Math.exp(v - max);
            double logSumExp = max + Math.log(sum);
            for (int c = 0; c < classes; c++) expected -= targets[i][c] * (z[i][c] - logSumExp);
        }
        expected /= batch;
        assertThat(r.get(NetworkBuilder.LOSS).getDouble(0)).isCloseTo(expected, within(1e-4));

        // A one-hot target gives a different loss: the distribution really enters it.
        INDArray oneHot = Nd4j.create(new float[][] {{0f, 0f, 1f, 0f}, {1f, 0f, 0f, 0f}});
        double hard = sd.output(Map.of(NetworkBuilder.INPUT, x, NetworkBuilder.LABELS, oneHot), List.of(NetworkBuilder.LOSS))
                .get(NetworkBuilder.LOSS).getDouble(0);
        assertThat(Math.abs(hard - expected)).isGreaterThan(1e-3);
    }
}
