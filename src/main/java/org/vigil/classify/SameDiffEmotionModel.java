package org.vigil.classify;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vigil.nd.InferenceThreads;

/** Vigil's own networks: a SameDiff inference graph (fast path on the oneDNN natives). */
public final class SameDiffEmotionModel implements EmotionModel {
    private final SameDiff graph;
    private final ModelMetadata meta;

    public SameDiffEmotionModel(SameDiff graph, ModelMetadata meta) {
        this.graph = graph;
        this.meta = meta;
    }

    @Override
    public ModelMetadata metadata() {
        return meta;
    }

    public SameDiff graph() {
        return graph;
    }

    @Override
    public synchronized float[][] predict(List<byte[]> faces) {
        if (faces.isEmpty()) return new float[0][];
        INDArray in = InputTensor.of(meta, faces);
        float[][] p = InferenceThreads.run(faces.size(), () ->
                InputTensor.rows(graph.output(Map.of(meta.inputName(), in), meta.outputName()).get(meta.outputName())));
        return TemperatureScaling.apply(p, meta.temperature());
    }
}
