package org.vigil.classify;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vigil.nd.InferenceThreads;

/** A DL4J ComputationGraph, which is what Keras import produces. */
public final class GraphEmotionModel implements EmotionModel {
    private final ComputationGraph graph;
    private final ModelMetadata meta;
    /** The prior shift as a vector, once (predict runs per batch); null: none, the default path. */
    private final double[] shift;

    public GraphEmotionModel(ComputationGraph graph, ModelMetadata meta) {
        this.graph = graph;
        this.meta = meta;
        this.shift = meta.priorShift().isEmpty() ? null : meta.priorShiftVector();
    }

    @Override
    public ModelMetadata metadata() {
        return meta;
    }

    public ComputationGraph graph() {
        return graph;
    }

    @Override
    public synchronized float[][] predict(List<byte[]> faces) {
        if (faces.isEmpty()) return new float[0][];
        INDArray in = InputTensor.of(meta, faces);
        float[][] p = InferenceThreads.run(faces.size(), () -> InputTensor.rows(graph.outputSingle(false, in)));
        return TemperatureScaling.apply(p, meta.temperature(), shift);
    }
}
