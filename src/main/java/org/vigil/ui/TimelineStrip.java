package org.vigil.ui;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;

/** The small coloured band under a tile: one colour per state over the last minutes, newest at the right. */
final class TimelineStrip {
    private TimelineStrip() {}

    static void paint(Graphics2D g, Rectangle r, HistorySlice points, double now, double window, Color empty) {
        g.setColor(empty);
        g.fill(r);
        double from = now - window;
        for (int i = 0; i < points.size(); i++) {
            double end = i + 1 < points.size() ? points.t(i + 1) : now;
            if (end < from) continue;
            int x0 = r.x + (int) Math.round((Math.max(points.t(i), from) - from) / window * r.width);
            int x1 = r.x + (int) Math.round((end - from) / window * r.width);
            g.setColor(StateStyle.colour(points.state(i)));
            g.fillRect(x0, r.y, Math.max(1, x1 - x0), r.height);
        }
    }
}
