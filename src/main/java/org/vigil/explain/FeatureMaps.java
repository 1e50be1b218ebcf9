package org.vigil.explain;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.GraphEmotionModel;
import org.vigil.classify.InputTensor;
import org.vigil.classify.SameDiffEmotionModel;

/** The activations of a network's convolutional layers for one face, and a picture of them. */
public final class FeatureMaps {
    /** One layer's maps: channels x (height*width), raw activations. */
    public record Layer(String name, int height, int width, float[][] maps) {
        public int channels() {
            return maps.length;
        }
    }

    private FeatureMaps() {}

    /** Layers whose outputs are feature maps, first to last. */
    public static List<String> layers(EmotionModel model) {
        if (model instanceof SameDiffEmotionModel sd) return GradCam.featureLayers(sd.graph());
        if (model instanceof GraphEmotionModel g) {
            Map<String, INDArray> acts = activations(g, new byte[g.metadata().inputHeight() * g.metadata().inputWidth()]);
            List<String> out = new ArrayList<>();
            // Topological order; 4-D activations only (the classifier end is flat).
            for (String name : g.graph().getConfiguration().getTopologicalOrderStr()) {
                INDArray a = acts.get(name);
                if (a != null && a.rank() == 4 && isConvOrActivation(g.graph(), name)) {
                    out.add(name);
                }
            }
            return out;
        }
        throw new IllegalArgumentException("cannot look inside a " + model.getClass().getSimpleName());
    }

    /** Convolutions and activations; batch norm, pooling and dropout outputs add pictures but no insight. */
    private static boolean isConvOrActivation(ComputationGraph cg, String name) {
        if (cg.getConfiguration().getNetworkInputs().contains(name)) return false;
        org.deeplearning4j.nn.api.Layer l = cg.getLayer(name);
        if (l == null) return false;
        String type = l.conf().getLayer().getClass().getSimpleName();
        return type.contains("Convolution") || type.contains("Activation");
    }

    public static Layer of(EmotionModel model, byte[] face, String layer) {
        if (model instanceof SameDiffEmotionModel sd) {
            GradCam cam = new GradCam(sd);
            if (!cam.layers().contains(layer)) {
                throw new IllegalArgumentException("no feature layer '" + layer + "'; the model has " + cam.layers());
            }
            int[] hw = cam.mapSize(layer);
            return new Layer(layer, hw[0], hw[1], cam.featureMaps(face, layer));
        }
        if (model instanceof GraphEmotionModel g) {
            INDArray a = activations(g, face).get(layer);
            if (a == null || a.rank() != 4) {
                throw new IllegalArgumentException("no feature layer '" + layer + "'; the model has " + layers(model));
            }
            // Keras imports keep channels last; Vigil's own layout is channels first.
            boolean nhwc = "NHWC".equals(g.metadata().layout()) && a.size(1) == a.size(2);
            INDArray chw = nhwc ? a.permute(0, 3, 1, 2) : a;
            int c = (int) chw.size(1), h = (int) chw.size(2), w = (int) chw.size(3);
            float[] flat = chw.castTo(DataType.FLOAT).dup('c').data().asFloat();
            float[][] maps = new float[c][h * w];
            for (int k = 0; k < c; k++) System.arraycopy(flat, k * h * w, maps[k], 0, h * w);
            return new Layer(layer, h, w, maps);
        }
        throw new IllegalArgumentException("cannot look inside a " + model.getClass().getSimpleName());
    }

    private static Map<String, INDArray> activations(GraphEmotionModel g, byte[] face) {
        ComputationGraph cg = g.graph();
        synchronized (g) {
            return cg.feedForward(InputTensor.of(g.metadata(), List.of(face)), false);
        }
    }

    /**
     * A grid of up to maxChannels maps (the most active first), each scaled to its own 0..max and
     * drawn cell x cell pixels, with the layer name on top.
     */
    public static BufferedImage grid(Layer layer, int maxChannels, int cell) {
        int c = layer.channels();
        Integer[] order = new Integer[c];
        double[] energy = new double[c];
        for (int k = 0; k < c; k++) {
            order[k] = k;
            for (float v : layer.maps()[k]) energy[k] += Math.max(0, v);
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(energy[b], energy[a]));
        int n = Math.min(c, maxChannels);
        int cols = (int) Math.ceil(Math.sqrt(n));
        int rows = (int) Math.ceil(n / (double) cols);
        int pad = 2, title = 18;
        BufferedImage img = new BufferedImage(Math.max(420, cols * (cell + pad) + pad), rows * (cell + pad) + pad + title, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(30, 30, 30));
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(layer.name() + "  " + c + " maps " + layer.height() + "x" + layer.width()
                + (n < c ? " (" + n + " most active shown)" : ""), pad + 2, 13);
        for (int i = 0; i < n; i++) {
            float[] m = layer.maps()[order[i]];
            float max = 0;
            for (float v : m) max = Math.max(max, v);
            BufferedImage tile = new BufferedImage(layer.width(), layer.height(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < layer.height(); y++) {
                for (int x = 0; x < layer.width(); x++) {
                    float v = max > 0 ? Math.max(0, m[y * layer.width() + x]) / max : 0;
                    Color col = Saliency.heat(v);
                    tile.setRGB(x, y, col.getRGB());
                }
            }
            int cx = pad + (i % cols) * (cell + pad), cy = title + pad + (i / cols) * (cell + pad);
            g.drawImage(tile, cx, cy, cell, cell, null);
        }
        g.dispose();
        return img;
    }
}
