package org.vigil.explain;

import java.util.ArrayList;
import java.util.List;
import org.vigil.classify.EmotionModel;

/**
 * Occlusion sensitivity (Zeiler and Fergus 2014): grey out one patch of the face at a time and see
 * how much the chosen class's probability falls. Needs only {@link EmotionModel#predict}, so it
 * explains any model, including imported Keras graphs for which Vigil has no Grad-CAM.
 */
public final class Occlusion {
    private Occlusion() {}

    /** Patch of ~1/6 of the face (eye- or mouth-sized), moved in steps of half of that (~170 passes at 64x64). */
    public static Heatmap explain(EmotionModel model, byte[] face, int classIndex) {
        int h = model.metadata().inputHeight(), w = model.metadata().inputWidth();
        int patch = Math.max(4, Math.round(Math.min(h, w) / 6f));
        int stride = Math.max(1, patch / 2);
        return explain(model, face, classIndex, patch, stride);
    }

    public static Heatmap explain(EmotionModel model, byte[] face, int classIndex, int patch, int stride) {
        int h = model.metadata().inputHeight(), w = model.metadata().inputWidth();
        if (face.length != h * w) throw new IllegalArgumentException("face has " + face.length + " pixels, model expects " + h + "x" + w);
        int fill = meanGrey(face);
        List<int[]> positions = new ArrayList<>();
        List<byte[]> batch = new ArrayList<>();
        batch.add(face);
        for (int y = 0; y + patch <= h + stride - 1; y += stride) {
            for (int x = 0; x + patch <= w + stride - 1; x += stride) {
                byte[] occluded = face.clone();
                for (int yy = y; yy < Math.min(h, y + patch); yy++) {
                    for (int xx = x; xx < Math.min(w, x + patch); xx++) occluded[yy * w + xx] = (byte) fill;
                }
                positions.add(new int[] {y, x});
                batch.add(occluded);
            }
        }
        float[][] p = model.predict(batch);
        float base = p[0][classIndex];
        float[] sum = new float[h * w];
        int[] count = new int[h * w];
        for (int i = 0; i < positions.size(); i++) {
            float drop = base - p[i + 1][classIndex];
            int y = positions.get(i)[0], x = positions.get(i)[1];
            for (int yy = y; yy < Math.min(h, y + patch); yy++) {
                for (int xx = x; xx < Math.min(w, x + patch); xx++) {
                    sum[yy * w + xx] += drop;
                    count[yy * w + xx]++;
                }
            }
        }
        for (int i = 0; i < sum.length; i++) sum[i] = count[i] == 0 ? 0 : Math.max(0, sum[i] / count[i]);
        return new Heatmap(Heatmap.normalise(sum), h, w, "occlusion", null, classIndex);
    }

    private static int meanGrey(byte[] face) {
        long s = 0;
        for (byte b : face) s += b & 0xFF;
        return (int) (s / face.length);
    }
}
