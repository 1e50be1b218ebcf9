package org.vigil.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vigil.classify.EmotionLabels;
import org.vigil.classify.ModelMetadata;
import org.vigil.classify.Preprocessing;
import org.vigil.classify.SameDiffEmotionModel;
import org.vigil.detect.FaceBox;
import org.vigil.train.Architecture;
import org.vigil.train.NetworkBuilder;

/**
 * Grad-CAM on a real Vigil inference graph (compact architecture, fixed random weights). The last
 * feature layer feeds global average pooling and the classifier, so there the gradient has a closed
 * form: d logit_c / d A_k(i,j) = fc_w[k,c] / (h*w). SameDiff's gradients must match it.
 */
class GradCamTest {
    static SameDiffEmotionModel model;
    static byte[] face;

    @BeforeAll
    static void build() {
        NetworkBuilder.TrainingNet net = NetworkBuilder.training(Architecture.COMPACT, 7, 48, 48, 2, 0, 7);
        Map<String, INDArray> mean = new HashMap<>(), var = new HashMap<>();
        for (String l : net.bnLayers()) {
            long c = net.graph().getVariable(l + "_w").getArr().size(3);
            mean.put(l, Nd4j.zeros(DataType.FLOAT, c));
            var.put(l, Nd4j.ones(DataType.FLOAT, c));
        }
        Map<String, INDArray> folded = NetworkBuilder.fold(net.graph(), net.bnLayers(), mean, var);
        SameDiff sd = NetworkBuilder.inference(Architecture.COMPACT, 7, 48, 48, folded);
        ModelMetadata meta = new ModelMetadata(1, "gradcam-test", "compact", "samediff", EmotionLabels.FER7, 48, 48, NetworkBuilder.INFERENCE_LAYOUT,
                Preprocessing.UNIT, NetworkBuilder.INPUT, NetworkBuilder.PROBS, "", "", 0, null);
        model = new SameDiffEmotionModel(sd, meta);
        face = new byte[48 * 48];
        java.util.Random r = new java.util.Random(3);
        for (int y = 0; y < 48; y++) for (int x = 0; x < 48; x++) face[y * 48 + x] = (byte) (100 + 60 * Math.sin(x / 5.0) * Math.cos(y / 7.0) + r.nextInt(20));
    }

    @Test
    void findsTheConvolutionLayersInOrder() {
        GradCam cam = new GradCam(model);
        assertThat(cam.layers()).containsExactly("c1_relu", "c2_relu", "c3_relu", "c4_relu", "c5_relu", "c6_relu", "c7_relu");
        assertThat(cam.mapSize("c7_relu")).containsExactly(6, 6);
        assertThat(cam.mapSize("c1_relu")).containsExactly(48, 48);
    }

    @Test
    void gradientsOnTheLastLayerMatchTheClosedForm() {
        GradCam cam = new GradCam(model);
        int cls = 4;
        float[][] maps = cam.featureMaps(face, "c7_relu");           // 256 x 36
        INDArray fcW = model.graph().getVariable("fc_w").getArr();   // [256, 7]
        float[] expected = new float[36];
        for (int k = 0; k < maps.length; k++) {
            double alpha = fcW.getDouble(k, cls) / 36.0;
            for (int p = 0; p < 36; p++) expected[p] += (float) (alpha * maps[k][p]);
        }
        for (int p = 0; p < 36; p++) expected[p] = Math.max(0, expected[p]);
        float[] upsampled = Heatmap.upsampleNormalised(expected.clone(), 6, 6, 48, 48);

        Heatmap h = cam.explain(face, cls);
        assertThat(h.method()).isEqualTo("grad-cam");
        assertThat(h.layer()).isEqualTo("c7_relu");
        assertThat(h.values()).hasSize(48 * 48);
        float max = 0;
        for (int i = 0; i < upsampled.length; i++) {
            assertThat(h.values()[i]).isCloseTo(upsampled[i], org.assertj.core.data.Offset.offset(1e-3f));
            max = Math.max(max, h.values()[i]);
        }
        assertThat(max).isEqualTo(1f);
        // A different class gives a different map: the gradient really depends on the target.
        assertThat(cam.explain(face, 3).values()).isNotEqualTo(h.values());
    }

    @Test
    void earlierLayersGiveFinerMapsAndTheModelIsUntouched() {
        GradCam cam = new GradCam(model);
        Heatmap early = cam.explain(face, 0, "c2_relu");
        assertThat(early.layer()).isEqualTo("c2_relu");
        for (float v : early.values()) assertThat(v).isBetween(0f, 1f);
        // The pipeline's copy of the graph has no explain variables added.
        assertThat(model.graph().getVariable("explain_target")).isNull();
        assertThat(model.predict(List.of(face))[0]).hasSize(7);
        assertThatThrownBy(() -> cam.explain(face, 0, "nope")).hasMessageContaining("c7_relu");
    }

    @Test
    void explainCommandUsesGradCamForAVigilModelFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path file = tmp.resolve("m.vigil");
        org.vigil.classify.ModelFile.save(model, file);
        java.nio.file.Path img = tmp.resolve("face.png");
        java.awt.image.BufferedImage bi = new java.awt.image.BufferedImage(48, 48, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        bi.getRaster().setDataElements(0, 0, 48, 48, face);
        javax.imageio.ImageIO.write(bi, "png", img.toFile());
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new java.io.PrintStream(buf, true));
            code = new picocli.CommandLine(new org.vigil.cli.ExplainCommand()).execute(img.toString(), "--model", file.toString(),
                    "--whole-image", "--class", "sad", "--out", tmp.toString());
        } finally {
            System.setOut(stdout);
        }
        assertThat(code).isZero();
        String line = java.util.Arrays.stream(buf.toString().split("\n")).filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
        assertThat(json.get("method").asText()).isEqualTo("grad-cam");
        assertThat(json.get("layer").asText()).isEqualTo("c7_relu");
        assertThat(json.get("explained").asText()).isEqualTo("sad");
        assertThat(json.get("layers").toString()).contains("c1_relu", "c4_relu", "c7_relu");
        assertThat(tmp.resolve("face-face1-features.png")).isNotEmptyFile();
        assertThat(tmp.resolve("face-face1-saliency.png")).isNotEmptyFile();
    }

    @Test
    void overlayIsAColourImageOfTheRequestedSize() {
        var img = new Saliency(model).overlay(face, 2, 192);
        assertThat(img.getWidth()).isEqualTo(192);
        assertThat(img.getHeight()).isEqualTo(192);
        java.awt.image.BufferedImage frame = new java.awt.image.BufferedImage(160, 120, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 120; y++) for (int x = 0; x < 160; x++) frame.setRGB(x, y, ((x * 3) << 16) | ((y * 2) << 8) | 90);
        var fromFrame = new Saliency(model).overlayFor(frame, new org.vigil.detect.FaceBox(50, 30, 60, 60, 1f, null, 1), 96);
        assertThat(fromFrame.getWidth()).isEqualTo(96);
        FeatureMaps.Layer l = FeatureMaps.of(model, face, "c7_relu");
        assertThat(l.channels()).isEqualTo(256);
        assertThat(FeatureMaps.grid(l, 64, 20).getHeight()).isGreaterThan(8 * 20);
    }
}
