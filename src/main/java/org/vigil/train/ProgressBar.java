package org.vigil.train;

import java.io.PrintStream;

/** A one-line progress bar with rate and ETA; prints plain lines every 10% when not on a terminal (logs). */
final class ProgressBar {
    private final PrintStream out;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private int lastDecile = -1;

    ProgressBar(PrintStream out, String label, int total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    void update(int done, int itemsDone, String extra) {
        double secs = (System.nanoTime() - start) / 1e9;
        double rate = itemsDone / Math.max(secs, 1e-9);
        double eta = done == 0 ? 0 : secs / done * (total - done);
        int pct = (int) (100L * done / Math.max(total, 1));
        String line = String.format("%s [%-30s] %3d%% %5.0f img/s ETA %s %s", label,
                "=".repeat(pct * 30 / 100), pct, rate, formatSeconds(eta), extra);
        if (terminal) {
            out.print("\r" + line);
            if (done == total) out.println();
        } else if (pct / 10 != lastDecile) {
            lastDecile = pct / 10;
            out.println(line);
        }
        out.flush();
    }

    static String formatSeconds(double s) {
        long t = Math.round(s);
        return String.format("%d:%02d:%02d", t / 3600, (t / 60) % 60, t % 60);
    }
}
