package org.vigil.train;

import java.util.SplittableRandom;

/**
 * Random geometric and photometric changes of 8-bit grey images, as Keras' ImageDataGenerator did in
 * the client's notebooks: rotation, shift, zoom, shear, horizontal flip, brightness. Pure Java
 * bilinear sampling: a 48x48 image costs microseconds, so it never slows training.
 */
public final class Augmenter {
    public record Settings(double rotationDeg, double shift, double zoom, double shear, boolean flip, double brightness) {
        public static final Settings DEFAULT = new Settings(10, 0.1, 0.1, 0.1, true, 0.2);
        public static final Settings NONE = new Settings(0, 0, 0, 0, false, 0);
    }

    private final Settings s;

    public Augmenter(Settings settings) {
        this.s = settings;
    }

    /** Writes an augmented copy of {@code src} (h x w) into {@code dst}. */
    public void apply(byte[] src, int off, int h, int w, byte[] dst, int dstOff, SplittableRandom rnd) {
        double angle = Math.toRadians(uniform(rnd, s.rotationDeg()));
        double zoom = 1 + uniform(rnd, s.zoom());
        double shear = uniform(rnd, s.shear());
        double tx = uniform(rnd, s.shift()) * w, ty = uniform(rnd, s.shift()) * h;
        boolean flip = s.flip() && rnd.nextBoolean();
        double bright = 1 + uniform(rnd, s.brightness());
        // Inverse map: for each output pixel find where it comes from in the source.
        double cos = Math.cos(angle), sin = Math.sin(angle);
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double ox = (flip ? (w - 1 - x) : x) - cx - tx;
                double oy = y - cy - ty;
                ox -= shear * oy;
                double sx = (cos * ox + sin * oy) / zoom + cx;
                double sy = (-sin * ox + cos * oy) / zoom + cy;
                double v = sample(src, off, h, w, sx, sy) * bright;
                dst[dstOff + y * w + x] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
            }
        }
    }

    private static double uniform(SplittableRandom rnd, double range) {
        return range == 0 ? 0 : (rnd.nextDouble() * 2 - 1) * range;
    }

    /** Bilinear sample with edge replication (what 'nearest' fill mode gives in Keras). */
    private static double sample(byte[] img, int off, int h, int w, double x, double y) {
        x = Math.max(0, Math.min(w - 1, x));
        y = Math.max(0, Math.min(h - 1, y));
        int x0 = (int) x, y0 = (int) y;
        int x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
        double fx = x - x0, fy = y - y0;
        double a = img[off + y0 * w + x0] & 0xFF, b = img[off + y0 * w + x1] & 0xFF;
        double c = img[off + y1 * w + x0] & 0xFF, d = img[off + y1 * w + x1] & 0xFF;
        return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
    }
}
