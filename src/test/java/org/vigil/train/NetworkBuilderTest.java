package org.vigil.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NetworkBuilderTest {

    /**
     * Folding batch norm into the convolutions must not change the function: with the statistics of
     * one batch, the inference graph must reproduce the training graph's output on that batch.
     */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void foldedInferenceGraphMatchesTrainingGraph(Architecture arch) {
        int batch = 8;
        NetworkBuilder.TrainingNet net = NetworkBuilder.training(arch, 7, 48, 48, batch, 0.0, 3);
        SameDiff sd = net.graph();
        // Make gamma/beta non-trivial so the fold is really exercised.
        for (String l : net.bnLayers()) {
            INDArray g = sd.getVariable(l + "_gamma").getArr();
            g.assign(Nd4j.rand(DataType.FLOAT, g.shape()).addi(0.5));
            sd.getVariable(l + "_beta").getArr().assign(Nd4j.randn(DataType.FLOAT, g.shape()).muli(0.1));
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 1, 48, 48).subi(0.5).muli(2);
        List<String> outs = new ArrayList<>(List.of(NetworkBuilder.PROBS));
        for (String l : net.bnLayers()) {
            outs.add(NetworkBuilder.meanName(l));
            outs.add(NetworkBuilder.varName(l));
        }
        Map<String, INDArray> r = sd.output(Map.of(NetworkBuilder.INPUT, x), outs);
        Map<String, INDArray> mean = new HashMap<>(), var = new HashMap<>();
        for (String l : net.bnLayers()) {
            mean.put(l, r.get(NetworkBuilder.meanName(l)));
            var.put(l, r.get(NetworkBuilder.varName(l)));
        }
        Map<String, INDArray> folded = NetworkBuilder.fold(sd, net.bnLayers(), mean, var);
        SameDiff inf = NetworkBuilder.inference(arch, 7, 48, 48, folded);
        INDArray expected = r.get(NetworkBuilder.PROBS);
        // One grey channel: [N,1,h,w] and [N,h,w,1] hold the same numbers in the same order.
        INDArray actual = inf.output(Map.of(NetworkBuilder.INPUT, x.reshape(batch, 48, 48, 1)), NetworkBuilder.PROBS)
                .get(NetworkBuilder.PROBS);
        SameDiff before = NetworkBuilder.inferenceAsBefore20261202(arch, 7, 48, 48, folded);
        INDArray actualBefore = before.output(Map.of(NetworkBuilder.INPUT, x), NetworkBuilder.PROBS).get(NetworkBuilder.PROBS);
        assertThat(actualBefore.sub(actual).amaxNumber().doubleValue()).as("the graph written before 2026-12-02").isLessThan(1e-5);
        assertThat(actual.shape()).containsExactly(batch, 7);
        double maxDiff = actual.sub(expected).amaxNumber().doubleValue();
        assertThat(maxDiff).isLessThan(1e-3);
        // And the output is a real distribution that depends on the input.
        for (double s : actual.sum(1).toDoubleVector()) assertThat(s).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(actual.getRow(0).sub(actual.getRow(1)).amaxNumber().doubleValue()).isGreaterThan(0);
    }

    /**
     * A checkpoint's weights are the conv kernels, the BN scales and shifts and the classifier: not
     * the input and label placeholders, nor the per-batch statistics computed from them.
     */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void parametersAreTheTrainableWeightsOnly(Architecture arch) {
        NetworkBuilder.TrainingNet net = NetworkBuilder.training(arch, 7, 48, 48, 4, 0.0, 3);
        List<String> names = NetworkBuilder.parameters(net.graph()).stream().map(v -> v.name()).toList();
        List<String> expected = new ArrayList<>();
        for (String l : net.bnLayers()) expected.addAll(List.of(l + "_w", l + "_gamma", l + "_beta"));
        expected.addAll(List.of("fc_w", "fc_b"));
        assertThat(names).containsExactlyInAnyOrderElementsOf(expected)
                .doesNotContain(NetworkBuilder.INPUT, NetworkBuilder.LABELS)
                .noneMatch(n -> n.endsWith("_bmean") || n.endsWith("_bvar"));
    }
}
