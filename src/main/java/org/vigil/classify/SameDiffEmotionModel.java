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
    /** The prior shift as a vector, once (predict runs per batch); null: none, the default path. */
    private final double[] shift;
    /**
     * ND4J 1.0.0-M2.1's cached InferenceSession remembers the id of every array it ever freed
     * ({@code freedArrays}, never cleared): ~50 MB of heap an hour at 8 beds (found by
     * {@code ./run.sh bench soak}). A fresh session every this many calls keeps it bounded.
     */
    static final int CALLS_PER_SESSION = 2_000;
    int callsPerSession = CALLS_PER_SESSION; // tests use fewer
    private int calls;

    public SameDiffEmotionModel(SameDiff graph, ModelMetadata meta) {
        this.graph = graph;
        this.meta = meta;
        this.shift = meta.priorShift().isEmpty() ? null : meta.priorShiftVector();
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
        if (++calls % callsPerSession == 0) graph.getSessions().clear();
        INDArray in = InputTensor.of(meta, faces);
        float[][] p = InferenceThreads.run(faces.size(), () ->
                InputTensor.rows(graph.output(Map.of(meta.inputName(), in), meta.outputName()).get(meta.outputName())));
        return TemperatureScaling.apply(p, meta.temperature(), shift);
    }
}
