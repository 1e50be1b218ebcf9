package org.vigil.train;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.SameDiffEmotionModel;

/**
 * Rebuilds a Vigil network from its weights in today's inference form ({@link NetworkBuilder#inference}):
 * the same weights and answers, in the faster graph. Files written before 2026-12-02 hold an NCHW
 * graph; see {@link NetworkBuilder#INFERENCE_LAYOUT} for why that is slower.
 */
public final class ModelRebuild {
    private ModelRebuild() {}

    public static SameDiffEmotionModel of(EmotionModel model) {
        if (!(model instanceof SameDiffEmotionModel sd)) {
            throw new IllegalArgumentException("model " + model.metadata().name() + " is a " + model.metadata().engine()
                    + " network, not one of Vigil's own (SameDiff); it has no weights to rebuild from");
        }
        var m = sd.metadata();
        Architecture arch = Architecture.parse(m.architecture());
        SameDiff graph = NetworkBuilder.inference(arch, m.classes(), m.inputHeight(), m.inputWidth(), weights(sd.graph()));
        return new SameDiffEmotionModel(graph, m.withLayout(NetworkBuilder.INFERENCE_LAYOUT));
    }

    /** A network's weights by name (not copies). */
    static Map<String, INDArray> weights(SameDiff graph) {
        Map<String, INDArray> weights = new HashMap<>();
        for (SDVariable v : NetworkBuilder.parameters(graph)) weights.put(v.name(), v.getArr());
        return weights;
    }

    /** Whether the two networks are built of the same operations, in the same order and layout. */
    public static boolean sameGraph(SameDiffEmotionModel a, SameDiffEmotionModel b) {
        return a.metadata().layout().equals(b.metadata().layout()) && ops(a.graph()).equals(ops(b.graph()));
    }

    private static List<String> ops(SameDiff sd) {
        return Arrays.stream(sd.ops()).map(DifferentialFunction::opName).toList();
    }

    /** Largest difference of any probability between the two models on these faces. */
    public static double maxDifference(EmotionModel a, EmotionModel b, List<byte[]> faces) {
        float[][] pa = a.predict(faces), pb = b.predict(faces);
        double max = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int k = 0; k < pa[i].length; k++) max = Math.max(max, Math.abs(pa[i][k] - pb[i][k]));
        }
        return max;
    }
}
