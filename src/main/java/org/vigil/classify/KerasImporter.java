package org.vigil.classify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;

/**
 * Converts a Keras HDF5 emotion model (channels-last, grey input) into a Vigil model. The input
 * size is read from the network; labels and preprocessing must be given since .h5 files don't carry them.
 */
public final class KerasImporter {
    private KerasImporter() {}

    public static EmotionModel importModel(Path h5, List<String> labels, Preprocessing pre) {
        if (!Files.isRegularFile(h5)) throw new ModelFileException(h5, "no such file");
        ComputationGraph graph;
        try {
            graph = KerasModelImport.importKerasModelAndWeights(h5.toString(), false);
        } catch (Exception e) {
            throw new ModelFileException(h5, "Keras import failed: " + e.getMessage(), e);
        }
        long[] shape = inputShape(h5, graph);
        int h = (int) shape[0], w = (int) shape[1];
        ModelMetadata meta = new ModelMetadata(ModelMetadata.FORMAT_VERSION,
                h5.getFileName().toString().replaceFirst("\\.(h5|hdf5)$", ""), "keras-import", "dl4j-graph",
                labels, h, w, "NHWC", pre, null, null,
                "imported from Keras file " + h5.getFileName(), Instant.now().toString(), graph.numParams(), Map.of());
        GraphEmotionModel model = new GraphEmotionModel(graph, meta);
        float[][] probe = model.predict(List.of(new byte[h * w]));
        if (probe[0].length != labels.size()) {
            throw new ModelFileException(h5, "network has " + probe[0].length + " outputs but " + labels.size()
                    + " labels were given " + labels);
        }
        return model;
    }

    /** Reads batch_input_shape [null, H, W, C] of the first layer from the file's model_config. */
    private static long[] inputShape(Path h5, ComputationGraph graph) {
        com.fasterxml.jackson.databind.JsonNode shape;
        try (org.deeplearning4j.nn.modelimport.keras.Hdf5Archive archive =
                     new org.deeplearning4j.nn.modelimport.keras.Hdf5Archive(h5.toString())) {
            String json = archive.readAttributeAsJson("model_config");
            com.fasterxml.jackson.databind.JsonNode cfg = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            shape = cfg.findValue("batch_input_shape");
        } catch (Exception e) {
            throw new ModelFileException(h5, "cannot read the Keras model_config: " + e.getMessage(), e);
        }
        if (shape == null || shape.size() != 4) {
            throw new ModelFileException(h5, "expected an image input [batch, H, W, C], got " + shape);
        }
        if (shape.get(3).asInt() != 1) throw new ModelFileException(h5, "expected 1 grey channel, got " + shape.get(3));
        return new long[] {shape.get(1).asLong(), shape.get(2).asLong()};
    }
}
