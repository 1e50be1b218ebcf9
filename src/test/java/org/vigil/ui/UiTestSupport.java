package org.vigil.ui;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertTransition;
import org.vigil.pipeline.BedState;
import org.vigil.pipeline.BedStatus;
import org.vigil.rules.Assessability;
import org.vigil.testing.SharedFiles;

/** Real windows for UI tests: display check, EDT access, frame capture, screenshots. */
final class UiTestSupport {
    private UiTestSupport() {}

    /** Skips with a visible reason without a display, except under CI=true, where it fails. */
    static void requireDisplay() {
        if (GraphicsEnvironment.isHeadless() || !xServerReachable()) {
            String reason = "no display for UI tests: run under xvfb-run (e.g. ./run.sh test)";
            if (SharedFiles.isCi()) fail(reason);
            assumeTrue(false, reason);
        }
    }

    /**
     * For tests that only draw into images: fine headless; skipped (visibly) only when AWT is told there is
     * a display that does not answer, where its first use would fail.
     */
    static void requireImaging() {
        if (!GraphicsEnvironment.isHeadless() && !xServerReachable()) {
            String reason = "DISPLAY=" + System.getenv("DISPLAY") + " does not answer and java.awt.headless is false";
            if (SharedFiles.isCi()) fail(reason);
            assumeTrue(false, reason);
        }
    }

    /**
     * With a DISPLAY set the tests run with java.awt.headless=false, so AWT would fail on first use rather than report
     * headless: look for the X server ourselves (local socket, or TCP 6000+n for host:n).
     */
    static boolean xServerReachable() {
        String d = System.getenv("DISPLAY");
        if (d == null || d.isBlank()) return false;
        int colon = d.lastIndexOf(':');
        if (colon < 0) return false;
        String host = d.substring(0, colon);
        String num = d.substring(colon + 1).split("\\.")[0];
        try {
            int n = Integer.parseInt(num);
            if (host.isEmpty() || host.equals("unix")) return java.nio.file.Files.exists(Path.of("/tmp/.X11-unix/X" + n));
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(host, 6000 + n), 500);
                return true;
            }
        } catch (NumberFormatException | IOException e) {
            return false;
        }
    }

    static <T> T edt(Callable<T> c) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Exception> err = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                out.set(c.call());
            } catch (Exception e) {
                err.set(e);
            }
        });
        if (err.get() != null) throw err.get();
        return out.get();
    }

    static void edt(Runnable r) throws Exception {
        SwingUtilities.invokeAndWait(r);
    }

    /**
     * Dispose the window and wait until its close handlers have run (pipeline stopped, then the alert store
     * closed, on the closing thread): dispose() only queues WINDOW_CLOSED, and a temp directory deleted before
     * the store closes races with SQLite re-creating its -wal file.
     */
    static void closeAndWait(Dashboard d) throws Exception {
        edt(() -> d.frame().dispose());
        d.closed().get(DashboardApp.CLOSE_WAIT_S, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The window as painted now (root pane: menu, tool bar, content). */
    static BufferedImage capture(JFrame frame) throws Exception {
        return edt(() -> {
            Component root = frame.getRootPane();
            BufferedImage img = new BufferedImage(root.getWidth(), root.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            root.paint(g);
            g.dispose();
            return img;
        });
    }

    /** Bounds of a component in the root pane's coordinates (what {@link #capture} shows). */
    static Rectangle boundsInRoot(JFrame frame, Component c) throws Exception {
        return edt(() -> {
            Point p = SwingUtilities.convertPoint(c.getParent(), c.getLocation(), frame.getRootPane());
            return new Rectangle(p.x, p.y, c.getWidth(), c.getHeight());
        });
    }

    /** Mean colour of a rectangle. */
    static Color mean(BufferedImage img, Rectangle r) {
        long sr = 0, sg = 0, sb = 0, n = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                int rgb = img.getRGB(x, y);
                sr += (rgb >> 16) & 0xff;
                sg += (rgb >> 8) & 0xff;
                sb += rgb & 0xff;
                n++;
            }
        }
        return new Color((int) (sr / n), (int) (sg / n), (int) (sb / n));
    }

    /** Variance of grey levels in a rectangle: a blurred or hidden face has far less detail. */
    static double greyVariance(BufferedImage img, Rectangle r) {
        double s = 0, s2 = 0;
        int n = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                int rgb = img.getRGB(x, y);
                double v = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                s += v;
                s2 += v * v;
                n++;
            }
        }
        double m = s / n;
        return s2 / n - m * m;
    }

    /**
     * Fine detail in a rectangle: mean squared grey difference between neighbouring pixels. Blurring
     * removes it (a face's edges: eyes, mouth) while smooth gradients barely count.
     */
    static double detail(BufferedImage img, Rectangle r) {
        double s = 0;
        int n = 0;
        for (int y = r.y; y < r.y + r.height - 1; y++) {
            for (int x = r.x; x < r.x + r.width - 1; x++) {
                double v = grey(img.getRGB(x, y));
                double dx = grey(img.getRGB(x + 1, y)) - v, dy = grey(img.getRGB(x, y + 1)) - v;
                s += dx * dx + dy * dy;
                n++;
            }
        }
        return s / n;
    }

    private static double grey(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
    }

    static double distance(Color a, Color b) {
        int dr = a.getRed() - b.getRed(), dg = a.getGreen() - b.getGreen(), db = a.getBlue() - b.getBlue();
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    /**
     * Screenshots go to target/screenshots; with -Dvigil.screenshots=docs/screenshots they are written
     * there instead (the pictures in the README are made that way).
     */
    static Path save(BufferedImage img, String name) throws IOException {
        Path dir = Path.of(System.getProperty("vigil.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path p = dir.resolve(name + ".png");
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    static BedStatus status(String bed, double t, BedState state, double since, Map<String, Double> emotions) {
        Assessability a = switch (state) {
            case CANNOT_ASSESS -> Assessability.FACE_TURNED;
            case CAMERA_OFFLINE -> Assessability.CAMERA_OFFLINE;
            default -> Assessability.OK;
        };
        return new BedStatus(bed, t, state, a, a.assessable() ? emotions : Map.of(), a.assessable() ? 0.9 : 0.1,
                since, null, 8.0);
    }

    static AlertEvent alert(String id, String bed, AlertPriority p, AlertTransition tr, double t,
                            Map<String, Double> emotions) {
        return new AlertEvent(id, bed, org.vigil.alerts.AlertKind.DISTRESS, p, tr, t, Instant.now(), emotions, "sustained-distress",
                "sad/angry above threshold for 20 s", "system");
    }

    /** The component named {@code name} (Component.setName) anywhere under {@code c}, or null. EDT only. */
    static java.awt.Component named(java.awt.Container c, String name) {
        for (java.awt.Component k : c.getComponents()) {
            if (name.equals(k.getName())) return k;
            if (k instanceof java.awt.Container cc) {
                java.awt.Component f = named(cc, name);
                if (f != null) return f;
            }
        }
        return null;
    }
}
