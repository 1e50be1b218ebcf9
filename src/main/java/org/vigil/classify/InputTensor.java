package org.vigil.classify;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Turns grey crops into the batch tensor a model expects (layout and preprocessing from its metadata). */
public final class InputTensor {
    private InputTensor() {}

    public static INDArray of(ModelMetadata meta, List<byte[]> faces) {
        int h = meta.inputHeight(), w = meta.inputWidth(), px = h * w;
        float[] data = new float[faces.size() * px];
        Preprocessing pre = meta.preprocessing();
        for (int i = 0; i < faces.size(); i++) {
            byte[] f = faces.get(i);
            if (f.length != px) {
                throw new IllegalArgumentException("face " + i + " has " + f.length + " pixels, model "
                        + meta.name() + " expects " + h + "x" + w + "=" + px);
            }
            int off = i * px;
            for (int p = 0; p < px; p++) data[off + p] = pre.apply(f[p] & 0xFF);
        }
        long[] shape = "NHWC".equals(meta.layout())
                ? new long[] {faces.size(), h, w, 1}
                : new long[] {faces.size(), 1, h, w};
        return Nd4j.create(data, shape, DataType.FLOAT);
    }

    public static float[][] rows(INDArray probs) {
        int n = (int) probs.size(0), k = (int) probs.size(1);
        float[] flat = probs.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[][] out = new float[n][k];
        for (int i = 0; i < n; i++) System.arraycopy(flat, i * k, out[i], 0, k);
        return out;
    }
}
