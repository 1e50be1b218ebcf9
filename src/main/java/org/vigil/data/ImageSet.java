package org.vigil.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.vigil.classify.EmotionModel;

/**
 * Grey images of one size with class labels, kept as bytes (FER-2013's 28,709 training images fit
 * in 66 MB). Immutable once built; subsets share nothing with the original.
 *
 * @param targets null, or per image a probability distribution over the classes ({@code size() x
 *                classes}, row-major): FER+'s crowd votes, to train on instead of the one-hot label
 */
public record ImageSet(List<String> classNames, int height, int width, byte[] pixels, int[] labels, float[] targets,
                       String source) {

    public ImageSet(List<String> classNames, int height, int width, byte[] pixels, int[] labels, String source) {
        this(classNames, height, width, pixels, labels, null, source);
    }

    public boolean hasTargets() {
        return targets != null;
    }

    /** Image i's target distribution (a copy). */
    public float[] target(int i) {
        int k = classNames.size();
        return Arrays.copyOfRange(targets, i * k, (i + 1) * k);
    }

    public int size() {
        return labels.length;
    }

    public int pixelsPerImage() {
        return height * width;
    }

    public byte[] image(int i) {
        int px = pixelsPerImage();
        return Arrays.copyOfRange(pixels, i * px, (i + 1) * px);
    }

    /** The model's answer for every image, asked {@code batch} images at a time (rows in the model's label order). */
    public float[][] answers(EmotionModel model, int batch) {
        float[][] all = new float[size()][];
        for (int start = 0; start < size(); start += batch) {
            int end = Math.min(size(), start + batch);
            List<byte[]> faces = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) faces.add(image(i));
            System.arraycopy(model.predict(faces), 0, all, start, end - start);
        }
        return all;
    }

    public int[] classCounts() {
        int[] c = new int[classNames.size()];
        for (int l : labels) c[l]++;
        return c;
    }

    public ImageSet subset(int[] indices) {
        int px = pixelsPerImage();
        byte[] p = new byte[indices.length * px];
        int[] l = new int[indices.length];
        int k = classNames.size();
        float[] t = targets == null ? null : new float[indices.length * k];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * px, p, i * px, px);
            l[i] = labels[indices[i]];
            if (t != null) System.arraycopy(targets, indices[i] * k, t, i * k, k);
        }
        return new ImageSet(classNames, height, width, p, l, t, source);
    }

    /** Stratified split: the same share of every class goes to the second part. Deterministic for a seed. */
    public ImageSet[] stratifiedSplit(double secondShare, long seed) {
        Random rnd = new Random(seed);
        List<Integer> first = new ArrayList<>(), second = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) if (labels[i] == c) idx.add(i);
            java.util.Collections.shuffle(idx, rnd);
            int k = (int) Math.round(idx.size() * secondShare);
            second.addAll(idx.subList(0, k));
            first.addAll(idx.subList(k, idx.size()));
        }
        return new ImageSet[] {subset(first.stream().mapToInt(Integer::intValue).toArray()),
                subset(second.stream().mapToInt(Integer::intValue).toArray())};
    }

    /** A random subset of at most n images per class (for quick tests and smoke runs). */
    public ImageSet limitPerClass(int n, long seed) {
        Random rnd = new Random(seed);
        List<Integer> keep = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) if (labels[i] == c) idx.add(i);
            java.util.Collections.shuffle(idx, rnd);
            keep.addAll(idx.subList(0, Math.min(n, idx.size())));
        }
        return subset(keep.stream().mapToInt(Integer::intValue).toArray());
    }
}
