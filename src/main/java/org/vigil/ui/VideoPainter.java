package org.vigil.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import org.vigil.detect.FaceBox;

/** Paints a live frame (already privacy-filtered) or the placeholder that stands in for it. */
final class VideoPainter {
    private VideoPainter() {}

    /**
     * @param current the privacy mode now in force; a frame filtered under another mode is not shown
     *                (switching privacy on must hide video at once, not after the next frame)
     * @return the rectangle the image occupies, or null when a placeholder was painted
     */
    static Rectangle paint(Graphics2D g, Rectangle area, TimedFrame f, PrivacyMode current, boolean overlays,
                           String placeholderWhenNoFrame) {
        if (current == PrivacyMode.HIDE_VIDEO) {
            placeholder(g, area, "Video hidden (privacy)", true);
            return null;
        }
        if (f == null || f.shown() == null || f.mode() != current) {
            placeholder(g, area, f == null ? placeholderWhenNoFrame : "…", false);
            return null;
        }
        BufferedImage img = f.shown();
        double s = Math.min(area.width / (double) img.getWidth(), area.height / (double) img.getHeight());
        int w = (int) Math.round(img.getWidth() * s), h = (int) Math.round(img.getHeight() * s);
        Rectangle r = new Rectangle(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h);
        g.setColor(Color.BLACK);
        g.fill(area);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, r.x, r.y, r.width, r.height, null);
        if (overlays) {
            for (FaceBox face : f.frame().faces()) {
                boolean patient = f.frame().patient() != null && sameFace(face, f.frame().patient());
                // Landmarks only on clear video: on a blurred face they would trace its features again.
                drawFace(g, r, s, face, patient, current == PrivacyMode.OFF);
            }
        }
        return r;
    }

    private static boolean sameFace(FaceBox a, FaceBox b) {
        return a.x() == b.x() && a.y() == b.y() && a.width() == b.width() && a.height() == b.height();
    }

    private static void drawFace(Graphics2D g, Rectangle r, double s, FaceBox f, boolean patient, boolean landmarks) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(patient ? new Color(0x4FC3F7) : new Color(255, 255, 255, 150));
        g.setStroke(new BasicStroke(patient ? 2.5f : 1.5f));
        g.drawRect(r.x + (int) (f.x() * s), r.y + (int) (f.y() * s), (int) (f.width() * s), (int) (f.height() * s));
        float[] lm = landmarks ? f.landmarks() : new float[0];
        g.setColor(new Color(0xFFEB3B));
        for (int i = 0; i + 1 < lm.length; i += 2) {
            double x = r.x + lm[i] * s, y = r.y + lm[i + 1] * s;
            g.fill(new Ellipse2D.Double(x - 2.5, y - 2.5, 5, 5));
        }
    }

    static void placeholder(Graphics2D g, Rectangle area, String text, boolean privacy) {
        g.setColor(privacy ? new Color(0x263238) : new Color(0x37474F));
        g.fill(area);
        if (privacy) {
            // A simple person silhouette: the tile still reads as "a bed with a patient", without video.
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0x455A64));
            int d = Math.min(area.width, area.height) / 4;
            int cx = area.x + area.width / 2, cy = area.y + area.height / 2 - d / 3;
            g.fill(new Ellipse2D.Double(cx - d / 2.0, cy - d, d, d));
            g.fillRoundRect(cx - d, cy + d / 8, 2 * d, d, d / 2, d / 2);
        }
        if (text == null || text.isEmpty()) return;
        g.setColor(new Color(0xECEFF1));
        Font font = g.getFont().deriveFont(Font.PLAIN, Math.max(11f, Math.min(16f, area.width / 22f)));
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        String[] lines = text.split("\n");
        // Centred when there is no silhouette; under it when there is.
        int y = privacy ? area.y + area.height - Math.max(8, area.height / 8)
                : area.y + (area.height - lines.length * fm.getHeight()) / 2 + fm.getAscent();
        for (String line : lines) {
            int w = fm.stringWidth(line);
            g.drawString(line, area.x + Math.max(4, (area.width - w) / 2), y);
            y += fm.getHeight();
        }
    }
}
