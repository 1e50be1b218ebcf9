package org.vigil.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.vigil.classify.EmotionLabels;
import org.vigil.detect.FaceBox;

/** Draws faces on a photo: box, landmarks, top label with probability, and a bar per class. */
public final class FaceAnnotator {
    private static final Color DISTRESS = new Color(220, 60, 50);
    private static final Color CALM = new Color(40, 160, 90);
    private static final Color OTHER = new Color(230, 170, 40);

    private FaceAnnotator() {}

    public static BufferedImage annotate(BufferedImage src, List<FaceBox> faces, List<float[]> probs, List<String> labels) {
        BufferedImage img = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int fontSize = Math.max(11, Math.min(src.getWidth(), src.getHeight()) / 40);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, fontSize));
        for (int i = 0; i < faces.size(); i++) {
            FaceBox f = faces.get(i);
            float[] p = probs.get(i);
            int best = org.vigil.classify.EmotionModel.argmax(p);
            Color c = colour(labels.get(best));
            g.setColor(c);
            g.setStroke(new BasicStroke(Math.max(2f, fontSize / 6f)));
            g.drawRect(f.x(), f.y(), f.width(), f.height());
            float[] lm = f.landmarks();
            for (int j = 0; j + 1 < lm.length; j += 2) g.fillOval(Math.round(lm[j]) - 2, Math.round(lm[j + 1]) - 2, 5, 5);
            String text = String.format("%s %.0f%%", labels.get(best), p[best] * 100);
            int tw = g.getFontMetrics().stringWidth(text);
            int ty = Math.max(fontSize + 2, f.y() - 4);
            g.fillRect(f.x(), ty - fontSize, tw + 6, fontSize + 4);
            g.setColor(Color.WHITE);
            g.drawString(text, f.x() + 3, ty);
            // In a crowd the bars would cover the faces; the JSON still has every probability.
            if (faces.size() <= 4) drawBars(g, f, p, labels, fontSize, img.getWidth(), img.getHeight());
        }
        g.dispose();
        return img;
    }

    private static void drawBars(Graphics2D g, FaceBox f, float[] p, List<String> labels, int fontSize, int w, int h) {
        int rowH = Math.max(10, fontSize - 2), barW = Math.max(60, f.width() / 2), labelW = fontSize * 4;
        int x = f.x() + f.width() + 6;
        if (x + labelW + barW > w) x = Math.max(0, f.x() - labelW - barW - 6);
        int y = Math.min(f.y(), Math.max(0, h - rowH * labels.size()));
        g.setFont(g.getFont().deriveFont(Font.PLAIN, rowH - 1f));
        for (int k = 0; k < labels.size(); k++) {
            int yy = y + k * rowH;
            g.setColor(new Color(0, 0, 0, 150));
            g.fillRect(x, yy, labelW + barW, rowH);
            g.setColor(colour(labels.get(k)));
            g.fillRect(x + labelW, yy + 2, Math.round(barW * p[k]), rowH - 4);
            g.setColor(Color.WHITE);
            g.drawString(labels.get(k), x + 2, yy + rowH - 2);
        }
        g.setFont(g.getFont().deriveFont(Font.BOLD, (float) fontSize));
    }

    static Color colour(String label) {
        if (EmotionLabels.DISTRESS.contains(label)) return DISTRESS;
        if (EmotionLabels.CALM.contains(label)) return CALM;
        return OTHER;
    }
}
