package org.vigil.ui;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.swing.JComponent;
import javax.swing.UIManager;
import org.vigil.classify.EmotionLabels;

/** Per-class smoothed probabilities as horizontal bars; distress classes in the alert colour. */
final class ProbabilityBars extends JComponent {
    private Map<String, Double> emotions = Map.of();
    private List<String> order = List.of();

    ProbabilityBars() {
        setName("probabilityBars");
        setPreferredSize(new Dimension(260, 200));
    }

    void set(Map<String, Double> emotions, List<String> labels) {
        this.emotions = emotions;
        List<String> o = new ArrayList<>(labels);
        for (String k : emotions.keySet()) if (!o.contains(k)) o.add(k);
        this.order = o;
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Color fg = UIManager.getColor("Label.foreground");
        g.setFont(getFont().deriveFont(Font.PLAIN, 13f));
        if (order.isEmpty() || emotions.isEmpty()) {
            g.setColor(fg);
            g.drawString("No assessment now", 8, 20);
            g.dispose();
            return;
        }
        Set<String> distress = EmotionLabels.DISTRESS;
        int rowH = Math.min(28, Math.max(16, getHeight() / order.size()));
        int labelW = 70, valueW = 44, barW = Math.max(20, getWidth() - labelW - valueW - 12);
        int y = 4;
        for (String label : order) {
            double p = emotions.getOrDefault(label, 0.0);
            g.setColor(fg);
            g.drawString(label, 4, y + rowH - 9);
            g.setColor(new Color(128, 128, 128, 60));
            g.fillRoundRect(labelW, y + 4, barW, rowH - 8, 6, 6);
            g.setColor(distress.contains(label) ? StateStyle.ALERT : new Color(0x42A5F5));
            g.fillRoundRect(labelW, y + 4, (int) Math.round(barW * Math.max(0, Math.min(1, p))), rowH - 8, 6, 6);
            g.setColor(fg);
            g.drawString(String.format("%.2f", p), labelW + barW + 6, y + rowH - 9);
            y += rowH;
        }
        g.dispose();
    }
}
