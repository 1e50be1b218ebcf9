package org.vigil.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * Test-time augmentation: averages a model's answer for each face and its mirror image. Faces are
 * roughly symmetric, so this smooths out one-sided noise for twice the inference cost.
 */
public final class FlipAveragingModel implements EmotionModel {
    private final EmotionModel inner;

    public FlipAveragingModel(EmotionModel inner) {
        this.inner = inner;
    }

    @Override
    public ModelMetadata metadata() {
        return inner.metadata().withName(inner.metadata().name() + "+flip");
    }

    @Override
    public float[][] predict(List<byte[]> faces) {
        int w = inner.metadata().inputWidth(), h = inner.metadata().inputHeight();
        List<byte[]> both = new ArrayList<>(faces.size() * 2);
        both.addAll(faces);
        for (byte[] f : faces) {
            byte[] m = new byte[f.length];
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) m[y * w + x] = f[y * w + (w - 1 - x)];
            both.add(m);
        }
        float[][] p = inner.predict(both);
        float[][] out = new float[faces.size()][];
        for (int i = 0; i < faces.size(); i++) {
            float[] a = p[i], b = p[i + faces.size()];
            out[i] = new float[a.length];
            for (int k = 0; k < a.length; k++) out[i][k] = (a[k] + b[k]) / 2;
        }
        return out;
    }

    @Override
    public void close() {
        inner.close();
    }
}
