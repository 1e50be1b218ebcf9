package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.ui.UiTestSupport.*;

import java.awt.Component;
import java.awt.Container;
import java.awt.Frame;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.JFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.app.Settings;
import org.vigil.bench.SoakBenchmark;
import org.vigil.bench.SoakSample;
import org.vigil.testing.SharedFiles;

/**
 * A short dashboard soak in the suite: the real window (DashboardApp.openMonitoring, PipelineBackend,
 * the default model, the shipped rules, a SQLite alert store) on 2 looping clips for 30 s. The CSV
 * carries the Swing thread's figures with sane values, and the window shows both beds' video meanwhile.
 * Asserts what was measured, never how fast.
 */
class DashboardSoakTest {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void twoBedsOnTheDashboardAreSampledForTheSwingThreadAndFrameToScreenLatency(@TempDir Path dir) throws Exception {
        requireDisplay();
        Path clip = SharedFiles.require("data/videos/pyfeat_WolfgangLanger_Pexels.mp4");
        List<Path> clips = SoakBenchmark.clips(List.of(clip), 10, 320, 240);
        SoakBenchmark soak = new SoakBenchmark(clips, 2, 30, Settings.builder().build(), dir, 5, 10, 10).onDashboard();
        CompletableFuture<SoakBenchmark.Result> run = CompletableFuture.supplyAsync(() -> {
            try {
                return soak.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // While it runs: the nurse's window, with a tile per bed painting the bed's video.
        JFrame window = awaitWindow(run);
        List<BedTile> tiles = edt(() -> tiles(window.getContentPane(), new ArrayList<>()));
        assertThat(tiles).extracting(BedTile::bed).containsExactly("bed-1", "bed-2");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end && !edt(() -> tiles.stream().allMatch(t -> t.paintedFrameReceived() != 0))) Thread.sleep(250);
        assertThat(edt(() -> tiles.stream().allMatch(t -> t.paintedFrameReceived() != 0))).as("both tiles paint video").isTrue();
        BufferedImage shot = capture(window);
        save(shot, "test-dashboard-soak");
        for (BedTile t : tiles) {
            assertThat(greyVariance(shot, boundsInRoot(window, t))).as("%s shows a picture, not a blank tile", t.bed()).isGreaterThan(100);
        }

        SoakBenchmark.Result r = run.get(3, TimeUnit.MINUTES);
        System.out.println(r.verdict().line());
        List<String> csv = Files.readAllLines(r.csv());
        assertThat(csv.get(0)).endsWith(",edt_busy_pct,edt_lag_ms,screen_p99_ms");
        assertThat(csv).hasSize(r.samples().size() + 1);
        assertThat(r.samples()).hasSizeGreaterThanOrEqualTo(6).allSatisfy(s -> {
            assertThat(s.fps()).as("frames flowed at %.0f s", s.tS()).isGreaterThan(0);
            assertThat(s.edtBusyPct()).as("Swing thread CPU share of one core at %.0f s", s.tS()).isBetween(0.0, 100.5);
            assertThat(s.edtLagMs()).as("event wait at %.0f s", s.tS()).isBetween(0.0, 5_000.0);
        });
        // Frame-to-screen latency: tiles painted new frames in (nearly) every interval, each under the sample interval.
        List<SoakSample> painted = r.samples().stream().filter(s -> !Double.isNaN(s.screenP99Ms())).toList();
        assertThat(painted).as("intervals with frames painted").hasSizeGreaterThanOrEqualTo(r.samples().size() - 1);
        assertThat(painted).allSatisfy(s -> assertThat(s.screenP99Ms()).isBetween(0.0, 5_000.0));
        // The monitor's own figures are there too (a classification every interval; no leak test here: SoakTest does that).
        assertThat(r.samples()).filteredOn(s -> s.tS() > 10).allSatisfy(s -> assertThat(s.decisionP99Ms()).isPositive());
        assertThat(r.verdict().line()).contains("Swing thread busy").contains("frame-to-screen p99");
        assertThat(dir.resolve("soak-alerts.db")).isNotEmptyFile();
        assertThat(javax.imageio.ImageIO.read(r.png().toFile()).getHeight()).as("a fourth panel: the dashboard's").isGreaterThan(3 * 360);
        assertThat(Arrays.stream(Frame.getFrames()).filter(f -> f.isDisplayable() && f.getTitle().startsWith(Dashboard.TITLE)))
                .as("the soak closed its window").isEmpty();
    }

    private static JFrame awaitWindow(CompletableFuture<?> run) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < end && !run.isDone()) {
            JFrame f = edt(() -> Arrays.stream(Frame.getFrames())
                    .filter(w -> w.isShowing() && w.getTitle().startsWith(Dashboard.TITLE) && w instanceof JFrame)
                    .map(w -> (JFrame) w).findFirst().orElse(null));
            if (f != null) return f;
            Thread.sleep(200);
        }
        run.get(); // a failed start says why
        throw new AssertionError("no dashboard window within 2 minutes");
    }

    private static List<BedTile> tiles(Container c, List<BedTile> out) {
        for (Component k : c.getComponents()) {
            if (k instanceof BedTile t) out.add(t);
            else if (k instanceof Container sub) tiles(sub, out);
        }
        return out;
    }
}
