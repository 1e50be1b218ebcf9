package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.ui.UiTestSupport.*;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigil.testing.SharedFiles;

/** The dashboard opened the way ./run.sh opens it, on real clips and on a missing camera. */
class DashboardVideoTest {
    private Dashboard dash;

    @AfterEach
    void close() throws Exception {
        if (dash != null) closeAndWait(dash);
    }

    private static DashboardApp.Options options(List<String> sources, List<String> beds) {
        return new DashboardApp.Options(sources, beds, null, null, null, false, null, false);
    }

    @Test
    void a_real_clip_plays_in_its_tile_with_the_face_found() throws Exception {
        requireDisplay();
        Path clip = SharedFiles.require("data/videos/pyfeat_WolfgangLanger_Pexels.mp4");
        dash = openOn(options(List.of(clip.toString()), List.of("Bed 7")),
                PipelineBackend.preview(java.util.Map.of(), true));
        BedFeed feed = edt(() -> dash.ward().tile("Bed 7")) != null ? modelFeed("Bed 7") : null;
        assertThat(feed).isNotNull();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline
                && (feed.frame() == null || feed.frame().frame().faces().isEmpty())) Thread.sleep(100);
        assertThat(feed.frame()).as("frames arrive from the clip").isNotNull();
        assertThat(feed.frame().frame().faces()).as("the face is found on live frames").isNotEmpty();
        assertThat(feed.sourceState()).isEqualTo(org.vigil.capture.SourceState.RUNNING);
        double t0 = feed.frame().frame().t();
        Thread.sleep(1000);
        assertThat(feed.frame().frame().t()).as("video advances in real time").isGreaterThan(t0 + 0.5);

        edt(() -> dash.refreshNow());
        BufferedImage shot = capture(dash.frame());
        Rectangle r = boundsInRoot(dash.frame(), edt(() -> dash.ward().tile("Bed 7")));
        Rectangle video = new Rectangle(r.x, r.y + BedTile.HEADER, r.width, r.height - BedTile.HEADER - BedTile.TIMELINE);
        assertThat(detail(shot, video)).as("the tile shows a picture, not a placeholder").isGreaterThan(20);
        assertThat(edt(() -> dash.frame().getTitle())).contains("Vigil");
    }

    @Test
    void a_missing_camera_is_said_plainly_with_a_way_to_pick_a_file_or_url() throws Exception {
        requireDisplay();
        // camera:63 → /dev/video63, which no machine running these tests has.
        dash = openOn(options(List.of("camera:63"), List.of()), PipelineBackend.preview(java.util.Map.of(), false));
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline && modelFeed("bed-1").sourceState() != org.vigil.capture.SourceState.OFFLINE) {
            Thread.sleep(50);
        }
        edt(() -> dash.refreshNow());
        assertThat(edt(() -> dash.sourceBanner().isVisible())).isTrue();
        String text = edt(() -> ((javax.swing.JLabel) named(dash.sourceBanner(), "sourceBannerText")).getText());
        assertThat(text).contains("No camera found").contains("/dev/video63");
        assertThat(edt(() -> named(dash.sourceBanner(), "openFile:bed-1"))).isNotNull();
        assertThat(edt(() -> named(dash.sourceBanner(), "url:bed-1"))).isNotNull();
        save(capture(dash.frame()), "test-no-camera");

        // Typing a file into the URL field and pressing Connect switches the bed to it.
        Path clip = SharedFiles.require("data/videos/pyfeat_single_face.mp4");
        edt(() -> {
            ((javax.swing.JTextField) named(dash.sourceBanner(), "url:bed-1")).setText(clip.toString());
            ((javax.swing.JButton) named(dash.sourceBanner(), "connect:bed-1")).doClick();
        });
        deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && modelFeed("bed-1").frame() == null) Thread.sleep(50);
        assertThat(modelFeed("bed-1").frame()).isNotNull();
        edt(() -> dash.refreshNow());
        assertThat(edt(() -> dash.sourceBanner().isVisible())).isFalse();
    }

    private static Dashboard openOn(DashboardApp.Options o, MonitorBackend backend) {
        return DashboardApp.open(o, DashboardApp.beds(o), backend, null, AdminInfo.none(), AlertsSetup.load(null));
    }

    private BedFeed modelFeed(String bed) throws Exception {
        return edt(() -> dash.model().bed(bed));
    }
}
