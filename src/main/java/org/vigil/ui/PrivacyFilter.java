package org.vigil.ui;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import org.vigil.detect.FaceBox;

/**
 * Applies the privacy mode to a frame before anything paints it, so an unblurred face never reaches
 * the screen. Works on a copy; the caller's image is left alone.
 */
public final class PrivacyFilter {
    /** Face regions are shrunk to this many pixels across and scaled back: nothing identifiable survives. */
    private static final int BLUR_CELLS = 6;
    /** Margin around the detector's box, as a share of its size: boxes are tight and hair/ears identify too. */
    private static final double MARGIN = 0.25;

    private PrivacyFilter() {}

    /** The image to paint, or null when the mode hides video entirely. */
    public static BufferedImage apply(BufferedImage src, List<FaceBox> faces, PrivacyMode mode) {
        if (src == null || mode == PrivacyMode.HIDE_VIDEO) return null;
        if (mode == PrivacyMode.OFF) return src;
        BufferedImage out = copy(src);
        if (faces == null || faces.isEmpty()) {
            // No face found does not mean no face visible (turned head, detector miss): fail private.
            pixelate(out, new Rectangle(0, 0, out.getWidth(), out.getHeight()), 24);
            return out;
        }
        for (FaceBox f : faces) {
            int mx = (int) Math.round(f.width() * MARGIN), my = (int) Math.round(f.height() * MARGIN);
            Rectangle r = new Rectangle(f.x() - mx, f.y() - my, f.width() + 2 * mx, f.height() + 2 * my)
                    .intersection(new Rectangle(0, 0, out.getWidth(), out.getHeight()));
            if (!r.isEmpty()) pixelate(out, r, BLUR_CELLS);
        }
        return out;
    }

    private static BufferedImage copy(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }

    /**
     * Downscale the region to {@code cells} across (area average), then scale it back up smoothly.
     * Works on the pixel array: it runs on pipeline threads for every frame of every bed.
     */
    private static void pixelate(BufferedImage img, Rectangle r, int cells) {
        int w = Math.max(1, cells), h = Math.max(1, (int) Math.round(cells * (double) r.height / r.width));
        int stride = img.getWidth();
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        // Average by hand: Graphics2D downscaling samples pixels and would keep sharp details.
        for (int cy = 0; cy < h; cy++) {
            int y0 = r.y + cy * r.height / h, y1 = Math.max(r.y + (cy + 1) * r.height / h, y0 + 1);
            for (int cx = 0; cx < w; cx++) {
                int x0 = r.x + cx * r.width / w, x1 = Math.max(r.x + (cx + 1) * r.width / w, x0 + 1);
                long sr = 0, sg = 0, sb = 0;
                for (int y = y0; y < y1; y++) {
                    int row = y * stride;
                    for (int x = x0; x < x1; x++) {
                        int rgb = px[row + x];
                        sr += (rgb >> 16) & 0xff;
                        sg += (rgb >> 8) & 0xff;
                        sb += rgb & 0xff;
                    }
                }
                long n = (long) (y1 - y0) * (x1 - x0);
                small.setRGB(cx, cy, (int) ((sr / n) << 16 | (sg / n) << 8 | (sb / n)));
            }
        }
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, r.x, r.y, r.width, r.height, null);
        g.dispose();
    }
}
