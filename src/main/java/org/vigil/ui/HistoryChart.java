package org.vigil.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.UIManager;

/**
 * The smoothed history of one bed: distress score (sum of distress classes) and each class over the
 * chosen window, with the state band underneath and the alert threshold as a dashed line. Painted
 * directly (no chart library) because it repaints at the dashboard's refresh rate.
 */
final class HistoryChart extends JComponent {
    private HistorySlice points = HistorySlice.EMPTY;
    private double now;
    private double window = 600;
    private double threshold = Double.NaN;

    HistoryChart() {
        setName("historyChart");
        setPreferredSize(new Dimension(600, 200));
    }

    /**
     * @param window the chosen span; while the bed has less history than that (just started), the
     *               chart spans the history there is (at least a minute) instead of a sliver at the edge
     */
    void set(HistorySlice points, double now, double window, double threshold) {
        this.points = points;
        this.now = now;
        double have = points.isEmpty() ? 0 : now - points.t(0);
        this.window = Math.min(window, Math.max(60, Math.ceil(have / 60) * 60));
        this.threshold = threshold;
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Color fg = UIManager.getColor("Label.foreground");
        Color grid = new Color(128, 128, 128, 70);
        g.setFont(getFont().deriveFont(Font.PLAIN, 11f));
        int left = 36, right = 10, top = 10, band = 10, bottom = 22;
        Rectangle plot = new Rectangle(left, top, getWidth() - left - right, getHeight() - top - bottom - band - 4);
        if (plot.width < 20 || plot.height < 20) {
            g.dispose();
            return;
        }
        double from = now - window;
        g.setColor(grid);
        for (int i = 0; i <= 4; i++) {
            int y = plot.y + plot.height - plot.height * i / 4;
            g.drawLine(plot.x, y, plot.x + plot.width, y);
            g.setColor(fg);
            g.drawString(String.format("%.2f", i / 4.0), 2, y + 4);
            g.setColor(grid);
        }
        int minutes = (int) Math.round(window / 60);
        int ticks = minutes <= 1 ? 4 : minutes <= 10 ? minutes : 6;
        for (int i = 0; i <= ticks; i++) {
            int x = plot.x + plot.width * i / ticks;
            g.setColor(grid);
            g.drawLine(x, plot.y, x, plot.y + plot.height);
            double ago = window * (ticks - i) / ticks;
            String label = ago == 0 ? "now" : "-" + StateStyle.duration(ago);
            g.setColor(fg);
            int sw = g.getFontMetrics().stringWidth(label);
            g.drawString(label, Math.min(x - sw / 2, getWidth() - sw - 2), getHeight() - 4);
        }
        if (!Double.isNaN(threshold)) {
            int y = plot.y + plot.height - (int) Math.round(threshold * plot.height);
            g.setColor(StateStyle.ALERT);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            g.drawLine(plot.x, y, plot.x + plot.width, y);
            g.drawString("alert threshold", plot.x + 4, y - 3);
        }
        // Per-class lines thin and muted, the distress score bold on top.
        for (String label : List.of("happy", "neutral", "relaxed", "fear", "surprise", "disgust", "angry", "sad")) {
            if (!points.labels().contains(label)) continue;
            g.setColor(classColour(label));
            g.setStroke(new BasicStroke(1.2f));
            g.draw(path(plot, from, i -> points.score(i, label)));
        }
        g.setColor(StateStyle.ALERT.darker());
        g.setStroke(new BasicStroke(2.6f));
        g.draw(path(plot, from, points::distress));
        TimelineStrip.paint(g, new Rectangle(plot.x, plot.y + plot.height + 4, plot.width, band), points, now, window,
                new Color(128, 128, 128, 50));
        g.dispose();
    }

    private Path2D path(Rectangle plot, double from, java.util.function.IntToDoubleFunction value) {
        Path2D.Double path = new Path2D.Double();
        boolean pen = false;
        for (int i = 0; i < points.size(); i++) {
            double v = value.applyAsDouble(i);
            if (Double.isNaN(v) || points.t(i) < from) {
                pen = false; // a gap where the patient could not be assessed: no line is better than a made-up one
                continue;
            }
            double x = plot.x + (points.t(i) - from) / window * plot.width;
            double y = plot.y + plot.height - v * plot.height;
            if (pen) path.lineTo(x, y);
            else path.moveTo(x, y);
            pen = true;
        }
        return path;
    }

    static Color classColour(String label) {
        return switch (label) {
            case "angry" -> new Color(0xE57373);
            case "sad" -> new Color(0x7986CB);
            case "happy" -> new Color(0x81C784);
            case "neutral", "relaxed" -> new Color(0x90A4AE);
            case "fear" -> new Color(0xBA68C8);
            case "surprise" -> new Color(0xFFD54F);
            default -> new Color(0xA1887F);
        };
    }
}
