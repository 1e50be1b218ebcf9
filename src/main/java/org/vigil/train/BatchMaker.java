package org.vigil.train;

import org.vigil.data.ImageSet;
import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.vigil.classify.Preprocessing;

/**
 * Turns images of a set into one training batch: augmentation, preprocessing, targets (one-hot or
 * vote distribution, scaled by the class weights). Plain Java arrays first, so a background thread
 * can build the next batch while ND4J trains on this one; {@link Batch#toDataSet} wraps them.
 */
final class BatchMaker {
    /** A batch as Java arrays: features [n,1,h,w] and targets [n,k], both row-major. */
    record Batch(float[] x, float[] y, int n, int h, int w, int k) {
        DataSet toDataSet() {
            return new DataSet(Nd4j.create(x, new long[] {n, 1, h, w}, 'c'), Nd4j.create(y, new long[] {n, k}, 'c'));
        }
    }

    private final ImageSet set;
    private final Augmenter aug;
    private final float[] classWeights;
    private final boolean soft;

    /** @param classWeights null for none; @param soft use the set's vote distributions as targets */
    BatchMaker(ImageSet set, Augmenter aug, float[] classWeights, boolean soft) {
        this.set = set;
        this.aug = aug;
        this.classWeights = classWeights;
        this.soft = soft;
    }

    /** Images order[from .. from+n) of the set; {@code rnd} drives the augmentation. */
    Batch make(int[] order, int from, int n, SplittableRandom rnd) {
        int h = set.height(), w = set.width(), px = h * w, k = set.classNames().size();
        byte[] tmp = new byte[px];
        float[] x = new float[n * px];
        float[] y = new float[n * k];
        for (int i = 0; i < n; i++) {
            int idx = order[from + i];
            aug.apply(set.pixels(), idx * px, h, w, tmp, 0, rnd);
            for (int p = 0; p < px; p++) x[i * px + p] = Preprocessing.SYMMETRIC.apply(tmp[p] & 0xFF);
            // Class weighting scales the target: the cross-entropy -sum(y log p) is linear in it.
            if (soft) {
                for (int c = 0; c < k; c++) y[i * k + c] = set.targets()[idx * k + c] * (classWeights == null ? 1f : classWeights[c]);
            } else {
                int label = set.labels()[idx];
                y[i * k + label] = classWeights == null ? 1f : classWeights[label];
            }
        }
        return new Batch(x, y, n, h, w, k);
    }
}
