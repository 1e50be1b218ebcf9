package org.vigil.explain;

/**
 * A saliency map over a face crop: values 0..1, row-major, height x width (the model's input size).
 *
 * @param method how it was computed ("grad-cam" or "occlusion")
 * @param layer  the feature layer Grad-CAM used, or null
 * @param classIndex the class it explains (index into the model's labels)
 */
public record Heatmap(float[] values, int height, int width, String method, String layer, int classIndex) {
    public Heatmap {
        if (values.length != height * width) {
            throw new IllegalArgumentException("heat map has " + values.length + " values for " + height + "x" + width);
        }
    }

    public float at(int y, int x) {
        return values[y * width + x];
    }

    /** Mean over a rectangle [y0,y1) x [x0,x1). */
    public double mean(int y0, int y1, int x0, int x1) {
        double s = 0;
        for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) s += at(y, x);
        return s / ((y1 - y0) * (x1 - x0));
    }

    /** Bilinear upsampling of a small map (e.g. 6x6 Grad-CAM) to h x w, then scaled to 0..1. */
    static float[] upsampleNormalised(float[] map, int mh, int mw, int h, int w) {
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            // Pixel centres: the map covers the image evenly.
            double fy = Math.max(0, Math.min(mh - 1, (y + 0.5) * mh / h - 0.5));
            int y0 = (int) Math.floor(fy), y1 = Math.min(mh - 1, y0 + 1);
            double ty = fy - y0;
            for (int x = 0; x < w; x++) {
                double fx = Math.max(0, Math.min(mw - 1, (x + 0.5) * mw / w - 0.5));
                int x0 = (int) Math.floor(fx), x1 = Math.min(mw - 1, x0 + 1);
                double tx = fx - x0;
                double v = (1 - ty) * ((1 - tx) * map[y0 * mw + x0] + tx * map[y0 * mw + x1])
                        + ty * ((1 - tx) * map[y1 * mw + x0] + tx * map[y1 * mw + x1]);
                out[y * w + x] = (float) v;
            }
        }
        return normalise(out);
    }

    /** Scales to 0..1 (all zeros stays all zeros: nothing drove the prediction). */
    static float[] normalise(float[] v) {
        float max = 0;
        for (float f : v) max = Math.max(max, f);
        if (max <= 0) return v;
        for (int i = 0; i < v.length; i++) v[i] = Math.max(0, v[i]) / max;
        return v;
    }
}
