package org.vigil.classify;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A DL4J ComputationGraph, which is what Keras import produces. */
public final class GraphEmotionModel extends NetworkEmotionModel {
    private final ComputationGraph graph;

    public GraphEmotionModel(ComputationGraph graph, ModelMetadata meta) {
        super(meta);
        this.graph = graph;
    }

    public ComputationGraph graph() {
        return graph;
    }

    @Override
    protected INDArray forward(INDArray input) {
        return graph.outputSingle(false, input);
    }
}
