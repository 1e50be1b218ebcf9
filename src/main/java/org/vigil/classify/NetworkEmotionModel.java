package org.vigil.classify;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vigil.nd.InferenceThreads;

/**
 * What every network-backed model does around its forward pass: the input tensor from the crops,
 * the inference thread count for the batch size, then temperature and prior shift from the metadata.
 * Subclasses give the forward pass alone.
 */
abstract class NetworkEmotionModel implements EmotionModel {
    private final ModelMetadata meta;
    /** The prior shift as a vector, once (predict runs per batch); null: none, the default path. */
    private final double[] shift;

    NetworkEmotionModel(ModelMetadata meta) {
        this.meta = meta;
        this.shift = meta.priorShift().isEmpty() ? null : meta.priorShiftVector();
    }

    @Override
    public final ModelMetadata metadata() {
        return meta;
    }

    @Override
    public final synchronized float[][] predict(List<byte[]> faces) {
        if (faces.isEmpty()) return new float[0][];
        INDArray in = InputTensor.of(meta, faces);
        float[][] p = InferenceThreads.run(faces.size(), () -> InputTensor.rows(forward(in)));
        return TemperatureScaling.apply(p, meta.temperature(), shift);
    }

    /** The network's softmax output [N, classes] for input [N, 1, h, w]; called with this model's lock held. */
    protected abstract INDArray forward(INDArray input);
}
