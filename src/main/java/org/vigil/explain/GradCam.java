package org.vigil.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vigil.classify.InputTensor;
import org.vigil.classify.ModelMetadata;
import org.vigil.classify.SameDiffEmotionModel;

/**
 * Grad-CAM (Selvaraju et al. 2017) for Vigil's SameDiff networks: the gradient of the chosen class's
 * logit with respect to a feature map, averaged over space, weights that map's channels; the
 * weighted sum, rectified, shows where in the face the evidence for the class lies.
 *
 * <p>Works on a private copy of the model's graph with a scalar target added (the class logit,
 * selected by a one-hot placeholder), so the model in use by the pipeline is never modified.
 * SameDiff differentiates with respect to activations (ARRAY variables) directly.
 */
public final class GradCam {
    private static final String MASK = "explain_class_mask";
    private static final String TARGET = "explain_target";

    private final SameDiff graph;
    private final ModelMetadata meta;
    private final List<String> layers;

    public GradCam(SameDiffEmotionModel model) {
        this.meta = model.metadata();
        this.graph = model.graph().dup();
        SDVariable logits = graph.getVariable("logits");
        if (logits == null) {
            throw new IllegalArgumentException("model " + meta.name() + " has no 'logits' variable: not a Vigil network");
        }
        SDVariable mask = graph.placeHolder(MASK, DataType.FLOAT, -1, meta.classes());
        logits.mul(mask).sum(TARGET);
        graph.setLossVariables(TARGET);
        this.layers = featureLayers(graph);
    }

    /**
     * Feature-map layers in network order: the ReLU outputs named "&lt;layer&gt;_relu" (compact
     * architecture) or, in residual networks, every 4-D ReLU output.
     */
    public static List<String> featureLayers(SameDiff sd) {
        List<String> out = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() != VariableType.ARRAY) continue;
            String op = sd.getVariableOutputOp(v.name()) == null ? "" : sd.getVariableOutputOp(v.name()).opName();
            if (v.name().endsWith("_relu") || ("relu".equals(op) && !v.name().startsWith("explain_"))) out.add(v.name());
        }
        return out;
    }

    /** Feature layers, first to last; the last is Grad-CAM's usual choice (coarse but most semantic). */
    public List<String> layers() {
        return layers;
    }

    public String lastLayer() {
        if (layers.isEmpty()) throw new IllegalStateException("model " + meta.name() + " has no feature layers");
        return layers.get(layers.size() - 1);
    }

    /** Grad-CAM on the last feature layer. */
    public Heatmap explain(byte[] face, int classIndex) {
        return explain(face, classIndex, lastLayer());
    }

    public Heatmap explain(byte[] face, int classIndex, String layer) {
        if (!layers.contains(layer)) {
            throw new IllegalArgumentException("no feature layer '" + layer + "' in model " + meta.name() + "; it has " + layers);
        }
        if (classIndex < 0 || classIndex >= meta.classes()) {
            throw new IllegalArgumentException("class index " + classIndex + " outside 0.." + (meta.classes() - 1));
        }
        INDArray in = InputTensor.of(meta, List.of(face));
        INDArray mask = Nd4j.zeros(DataType.FLOAT, 1, meta.classes());
        mask.putScalar(0, classIndex, 1f);
        OutAndGrad r = graph.calculateGradientsAndOutputs(Map.of(meta.inputName(), in, MASK, mask), List.of(layer), List.of(layer));
        INDArray a = channelsFirst(r.getOutputs().get(layer));   // [1, C, h, w]
        INDArray g = channelsFirst(r.getGradients().get(layer));
        float[] cam = camFrom(a, g);
        int h = (int) a.size(2), w = (int) a.size(3);
        return new Heatmap(Heatmap.upsampleNormalised(cam, h, w, meta.inputHeight(), meta.inputWidth()),
                meta.inputHeight(), meta.inputWidth(), "grad-cam", layer, classIndex);
    }

    /** ReLU(sum_k alpha_k A_k) with alpha_k the spatial mean of the gradient on channel k; h*w values. */
    static float[] camFrom(INDArray activations, INDArray gradients) {
        int c = (int) activations.size(1), h = (int) activations.size(2), w = (int) activations.size(3);
        float[] act = activations.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] grad = gradients.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] cam = new float[h * w];
        int hw = h * w;
        for (int k = 0; k < c; k++) {
            double alpha = 0;
            for (int p = 0; p < hw; p++) alpha += grad[k * hw + p];
            alpha /= hw;
            for (int p = 0; p < hw; p++) cam[p] += (float) (alpha * act[k * hw + p]);
        }
        for (int p = 0; p < hw; p++) cam[p] = Math.max(0, cam[p]);
        return cam;
    }

    /** Feature maps of one layer for one face: [channels][h*w], raw activations. */
    public float[][] featureMaps(byte[] face, String layer) {
        INDArray in = InputTensor.of(meta, List.of(face));
        INDArray a = channelsFirst(graph.output(Map.of(meta.inputName(), in), layer).get(layer));
        int c = (int) a.size(1), hw = (int) (a.size(2) * a.size(3));
        float[] flat = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[][] out = new float[c][hw];
        for (int k = 0; k < c; k++) System.arraycopy(flat, k * hw, out[k], 0, hw);
        return out;
    }

    /** [h, w] of a layer's maps for this model's input size. */
    public int[] mapSize(String layer) {
        INDArray in = InputTensor.of(meta, List.of(new byte[meta.inputHeight() * meta.inputWidth()]));
        INDArray a = channelsFirst(graph.output(Map.of(meta.inputName(), in), layer).get(layer));
        return new int[] {(int) a.size(2), (int) a.size(3)};
    }

    /** A feature map as [N, C, h, w], whichever layout the network runs in. */
    private INDArray channelsFirst(INDArray a) {
        return "NHWC".equals(meta.layout()) ? a.permute(0, 3, 1, 2) : a;
    }
}
