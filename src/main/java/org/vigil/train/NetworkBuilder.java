package org.vigil.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds Vigil's networks in SameDiff, in two forms from the same code:
 * <ul>
 *   <li>training: convolutions followed by batch normalisation on batch statistics (SameDiff has
 *       no running-statistics batch norm), dropout before the classifier, and a loss;</li>
 *   <li>inference: the same network with batch norm folded into the convolutions' weights and
 *       bias, so it runs as plain conv+ReLU (fastest on oneDNN) and gives the same answer for a
 *       batch of 1 as for a batch of 64; channels last ({@link #INFERENCE_LAYOUT}).</li>
 * </ul>
 * The statistics used for folding are measured after training on real batches ("precise BN").
 */
public final class NetworkBuilder {
    public static final String INPUT = "input";
    public static final String LABELS = "labels";
    public static final String LOGITS = "logits";
    public static final String PROBS = "probabilities";
    public static final String LOSS = "loss";
    static final double BN_EPS = 1e-3;
    /**
     * The layout inference graphs are built in. oneDNN's convolutions run channels last: an NCHW graph
     * pays a reorder of the activations into and out of every convolution, which took more time than
     * the convolutions at batch 64 (docs/benchmarks.md, "Inference graph"). Training stays NCHW.
     */
    public static final String INFERENCE_LAYOUT = "NHWC";

    private final SameDiff sd = SameDiff.create();
    private final boolean training;
    private final Map<String, INDArray> params;
    private final int batch;
    private final double dropout;
    private final BatchNormOps bnOps;
    /** FLOAT always, except DOUBLE in the test comparing BN formulations beyond float rounding. */
    private final DataType dtype;
    /** Activations channels last (NHWC) instead of first (NCHW); inference graphs only. */
    private final boolean channelsLast;
    /** Names of the conv+BN layers, in order; each has _w, _gamma, _beta (training) or _w, _b (inference). */
    private final List<String> bnLayers = new ArrayList<>();
    private final List<String> featureLayers = new ArrayList<>();

    /**
     * How the training graph writes batch norm; both compute the same function with the same
     * parameter and statistic names (checkpoints move freely between them).
     * <ul>
     *   <li>SEPARATE: the original (x - mean) * rsqrt(var + eps) * gamma + beta, five full-size
     *       elementwise ops (each with a broadcast gradient) and two reductions per layer;</li>
     *   <li>SCALE_SHIFT: x * s + t with the per-channel s = gamma * rsqrt(var + eps) and
     *       t = beta - mean * s computed on [1,C,1,1] arrays, and var = E[x^2] - mean^2:
     *       three full-size ops and two reductions;</li>
     *   <li>DEPTHWISE: as SCALE_SHIFT, but x * s + t as one 1x1 depthwise convolution with bias
     *       (a single op with a dedicated backward op instead of two broadcasting ones).</li>
     * </ul>
     * libnd4j's fused batchnorm op would be cheaper still, but in 1.0.0-M2.1 its gradient cannot be
     * built: SameDiff clones ops by serialising them and BatchNorm loses its axis on the way
     * ("axis must be specified ... Got null" from createGradFunction).
     */
    public enum BatchNormOps { SEPARATE, SCALE_SHIFT, DEPTHWISE }

    public static final BatchNormOps DEFAULT_BN_OPS = BatchNormOps.DEPTHWISE;

    private NetworkBuilder(boolean training, Map<String, INDArray> params, int batch, double dropout, long seed,
                           BatchNormOps bnOps, DataType dtype, boolean channelsLast) {
        this.channelsLast = channelsLast;
        this.bnOps = bnOps;
        this.dtype = dtype;
        this.training = training;
        this.params = params;
        this.batch = batch;
        this.dropout = dropout;
        Nd4j.getRandom().setSeed(seed);
    }

    /** A network built for training, with its BN layer names. */
    public record TrainingNet(SameDiff graph, List<String> bnLayers) {}

    public static TrainingNet training(Architecture arch, int classes, int h, int w, int batch, double dropout, long seed) {
        return training(arch, classes, h, w, batch, dropout, seed, DEFAULT_BN_OPS);
    }

    public static TrainingNet training(Architecture arch, int classes, int h, int w, int batch, double dropout, long seed,
                                       BatchNormOps bnOps) {
        return training(arch, classes, h, w, batch, dropout, seed, bnOps, DataType.FLOAT);
    }

    static TrainingNet training(Architecture arch, int classes, int h, int w, int batch, double dropout, long seed,
                                BatchNormOps bnOps, DataType dtype) {
        NetworkBuilder b = new NetworkBuilder(true, Map.of(), batch, dropout, seed, bnOps, dtype, false);
        b.build(arch, classes, h, w);
        return new TrainingNet(b.sd, List.copyOf(b.bnLayers));
    }

    /** The inference network from folded parameters (see {@link #fold}), in {@link #INFERENCE_LAYOUT}. */
    public static SameDiff inference(Architecture arch, int classes, int h, int w, Map<String, INDArray> folded) {
        NetworkBuilder b = new NetworkBuilder(false, folded, 0, 0, 0, DEFAULT_BN_OPS, DataType.FLOAT, "NHWC".equals(INFERENCE_LAYOUT));
        b.build(arch, classes, h, w);
        return b.sd;
    }

    /**
     * The inference network as Vigil wrote it before 2026-12-02: channels first (NCHW). Only for the
     * tests of {@link ModelRebuild}, which turns such files into today's form.
     */
    static SameDiff inferenceAsBefore20261202(Architecture arch, int classes, int h, int w, Map<String, INDArray> folded) {
        NetworkBuilder b = new NetworkBuilder(false, folded, 0, 0, 0, DEFAULT_BN_OPS, DataType.FLOAT, false);
        b.build(arch, classes, h, w);
        return b.sd;
    }

    /** Layer names whose outputs are feature maps worth looking at (for 'explain'). */
    public static List<String> featureLayers(Architecture arch, int classes, int h, int w, Map<String, INDArray> folded) {
        NetworkBuilder b = new NetworkBuilder(false, folded, 0, 0, 0, DEFAULT_BN_OPS, DataType.FLOAT, false);
        b.build(arch, classes, h, w);
        return List.copyOf(b.featureLayers);
    }

    /**
     * Builds the gradient graph. SameDiff prints a line per op to stdout while doing so; mute it
     * so users see progress and JSON, not hundreds of debug lines.
     */
    public static void createGradientsQuietly(SameDiff sd) {
        if (sd.getFunction("grad") != null) return;
        java.io.PrintStream stdout = System.out;
        try {
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            sd.createGradFunction();
        } finally {
            System.setOut(stdout);
        }
    }

    /**
     * The graph's trainable parameters, in the graph's order: what a checkpoint's weights are
     * (placeholders, constants and the BN statistics, which are arrays, are left out).
     */
    public static List<SDVariable> parameters(SameDiff sd) {
        return sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE).toList();
    }

    public static String meanName(String layer) {
        return layer + "_bmean";
    }

    public static String varName(String layer) {
        return layer + "_bvar";
    }

    /**
     * Folds batch norm into the convolutions: W' = W * s, b' = beta - mean * s with
     * s = gamma / sqrt(var + eps), per output channel. Dense layers are copied unchanged.
     */
    public static Map<String, INDArray> fold(SameDiff trainGraph, List<String> bnLayers,
                                             Map<String, INDArray> runMean, Map<String, INDArray> runVar) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String layer : bnLayers) {
            INDArray w = trainGraph.getVariable(layer + "_w").getArr();          // [k,k,cin,cout]
            long cout = w.size(3);
            INDArray gamma = trainGraph.getVariable(layer + "_gamma").getArr().reshape(cout);
            INDArray beta = trainGraph.getVariable(layer + "_beta").getArr().reshape(cout);
            INDArray mean = runMean.get(layer).reshape(cout);
            INDArray var = runVar.get(layer).reshape(cout);
            INDArray s = gamma.div(Transforms.sqrt(var.add(BN_EPS)));
            INDArray w2d = w.dup('c').reshape('c', w.length() / cout, cout);
            out.put(layer + "_w", w2d.mulRowVector(s.reshape(1, cout)).reshape('c', w.shape()).dup('c'));
            out.put(layer + "_b", beta.sub(mean.mul(s)).dup());
        }
        out.put("fc_w", trainGraph.getVariable("fc_w").getArr().dup());
        out.put("fc_b", trainGraph.getVariable("fc_b").getArr().dup());
        return out;
    }

    private static final class Transforms {
        static INDArray sqrt(INDArray a) {
            return org.nd4j.linalg.ops.transforms.Transforms.sqrt(a, true);
        }
    }

    private void build(Architecture arch, int classes, int h, int w) {
        SDVariable x = channelsLast ? sd.placeHolder(INPUT, dtype, -1, h, w, 1) : sd.placeHolder(INPUT, dtype, -1, 1, h, w);
        SDVariable feat = switch (arch) {
            case COMPACT -> compact(x);
            case RESNET -> resnet(x, true);
            case RESNET_LITE -> resnet(x, false);
        };
        long c = channelsOf(feat);
        SDVariable pooled = channelsLast ? feat.mean(1, 2) : feat.mean(2, 3); // global average pooling -> [N, C]
        if (training && dropout > 0) {
            // Inverted dropout with a fixed-shape mask (training batches all have the same size).
            SDVariable keep = sd.random().uniform(0, 1, dtype, batch, c).gte(dropout).castTo(dtype);
            pooled = pooled.mul(keep).div(1 - dropout);
        }
        SDVariable fw = var("fc_w", () -> glorot(c, classes), c, classes);
        SDVariable fb = var("fc_b", () -> Nd4j.zeros(dtype, classes), classes);
        SDVariable logits = pooled.mmul(fw).add(LOGITS, fb);
        sd.nn.softmax(PROBS, logits, 1);
        if (training) {
            SDVariable y = sd.placeHolder(LABELS, dtype, -1, classes);
            sd.loss.softmaxCrossEntropy(LOSS, y, logits, null);
        }
    }

    private SDVariable compact(SDVariable x) {
        SDVariable hdn = convBn("c1", x, 1, 32, 3, 1, true);
        hdn = convBn("c2", hdn, 32, 32, 3, 1, true);
        hdn = pool(hdn);                                         // 24x24
        hdn = convBn("c3", hdn, 32, 64, 3, 1, true);
        hdn = convBn("c4", hdn, 64, 64, 3, 1, true);
        hdn = pool(hdn);                                         // 12x12
        hdn = convBn("c5", hdn, 64, 128, 3, 1, true);
        hdn = convBn("c6", hdn, 128, 128, 3, 1, true);
        hdn = pool(hdn);                                         // 6x6
        hdn = convBn("c7", hdn, 128, 256, 3, 1, true);
        return hdn;
    }

    private SDVariable resnet(SDVariable x, boolean fullResolutionBlock) {
        SDVariable hdn = convBn("stem", x, 1, 32, 3, 1, true);   // 48x48
        if (fullResolutionBlock) hdn = block("r1", hdn, 32, 32, 1);
        hdn = block("r2", hdn, 32, 64, 2);                       // 24x24
        hdn = block("r3", hdn, 64, 128, 2);                      // 12x12
        hdn = block("r4", hdn, 128, 256, 2);                     // 6x6
        return hdn;
    }

    private SDVariable block(String name, SDVariable in, int cin, int cout, int stride) {
        SDVariable a = convBn(name + "a", in, cin, cout, 3, stride, true);
        SDVariable b = convBn(name + "b", a, cout, cout, 3, 1, false);
        SDVariable shortcut = (cin == cout && stride == 1) ? in : convBn(name + "s", in, cin, cout, 1, stride, false);
        SDVariable out = sd.nn.relu(b.add(shortcut), 0);
        featureLayers.add(out.name());
        return out;
    }

    private SDVariable convBn(String name, SDVariable in, int cin, int cout, int k, int stride, boolean relu) {
        bnLayers.add(name);
        Conv2DConfig cfg = Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride)
                .paddingMode(PaddingMode.SAME).dataFormat(channelsLast ? "NHWC" : "NCHW").build();
        SDVariable y;
        if (training) {
            SDVariable wv = var(name + "_w", () -> he(k, k, cin, cout), k, k, cin, cout);
            SDVariable conv = sd.cnn.conv2d(in, wv, cfg);
            SDVariable mean = conv.mean(meanName(name), true, 0, 2, 3);          // [1,C,1,1]
            SDVariable gamma = sd.var(name + "_gamma", Nd4j.ones(dtype, 1, cout, 1, 1));
            SDVariable beta = sd.var(name + "_beta", Nd4j.zeros(dtype, 1, cout, 1, 1));
            if (bnOps == BatchNormOps.SEPARATE) {
                SDVariable centred = conv.sub(mean);
                SDVariable variance = centred.mul(centred).mean(varName(name), true, 0, 2, 3);
                y = centred.mul(sd.math.rsqrt(variance.add(BN_EPS))).mul(gamma).add(beta);
            } else {
                // var = E[x^2] - mean^2: one full-size op instead of sub + mul (in float it rounds
                // slightly differently; see BatchNormOpsEquivalenceTest). Not sd.variance: in M2.1 its
                // gradient is bias-corrected (x N/(N-1)) even when asked for the biased variance.
                SDVariable variance = sd.math.square(conv).mean(true, 0, 2, 3).sub(varName(name), mean.mul(mean));
                SDVariable scale = gamma.mul(sd.math.rsqrt(variance.add(BN_EPS)));   // per channel, [1,C,1,1]
                SDVariable shift = beta.sub(mean.mul(scale));
                y = bnOps == BatchNormOps.DEPTHWISE ? channelAffine(conv, scale, shift, cout) : conv.mul(scale).add(shift);
            }
        } else {
            SDVariable wv = var(name + "_w", null, k, k, cin, cout);
            SDVariable bv = var(name + "_b", null, cout);
            y = sd.cnn.conv2d(in, wv, bv, cfg);
        }
        if (relu) {
            y = sd.nn.relu(name + "_relu", y, 0);
            featureLayers.add(y.name());
        }
        return y;
    }

    /** x * scale + shift per channel as a 1x1 depthwise convolution with bias: one op and one fast backward op. */
    private SDVariable channelAffine(SDVariable x, SDVariable scale, SDVariable shift, int channels) {
        Conv2DConfig pointwise = Conv2DConfig.builder().kH(1).kW(1).sH(1).sW(1)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
        return sd.cnn.depthWiseConv2d(x, scale.reshape(1, 1, channels, 1), shift.reshape(channels), pointwise);
    }

    private SDVariable pool(SDVariable in) {
        return sd.cnn.maxPooling2d(in, Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).isNHWC(channelsLast).build());
    }

    private SDVariable var(String name, java.util.function.Supplier<INDArray> init, long... shape) {
        INDArray value;
        if (training) {
            value = init.get();
        } else {
            value = params.get(name);
            if (value == null) throw new IllegalStateException("parameter " + name + " is missing");
            if (!java.util.Arrays.equals(value.shape(), shape)) {
                throw new IllegalStateException("parameter " + name + " has shape " + java.util.Arrays.toString(value.shape())
                        + ", expected " + java.util.Arrays.toString(shape));
            }
        }
        return sd.var(name, value);
    }

    private static long channelsOf(SDVariable v) {
        // Every architecture ends on 256 channels; asserted by the tests on the built graph.
        return 256;
    }

    private INDArray he(int kh, int kw, int cin, int cout) {
        double std = Math.sqrt(2.0 / (kh * kw * cin));
        return Nd4j.randn(dtype, kh, kw, cin, cout).muli(std);
    }

    private INDArray glorot(long in, long out) {
        double limit = Math.sqrt(6.0 / (in + out));
        return Nd4j.rand(dtype, in, out).muli(2 * limit).subi(limit);
    }
}
