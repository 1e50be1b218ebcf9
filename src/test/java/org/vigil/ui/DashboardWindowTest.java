package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.ui.UiTestSupport.*;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertTransition;
import org.vigil.pipeline.BedState;
import org.vigil.detect.FaceBox;
import org.vigil.pipeline.FrameSnapshot;

/**
 * The real dashboard window, driven through its public event API (the PipelineListener methods the
 * pipeline calls) and its buttons, checked on what it paints.
 */
class DashboardWindowTest {
    private DashboardModel model;
    private Dashboard dash;
    private AlertSound sound;

    @BeforeEach
    void open() throws Exception {
        requireDisplay();
        model = new DashboardModel();
        for (int i = 1; i <= 4; i++) model.bed("Bed " + i);
        sound = new AlertSound();
        dash = edt(() -> {
            Dashboard.applyTheme(false);
            Dashboard d = new Dashboard(model, PipelineBackend.preview(java.util.Map.of(), false), null, sound,
                    new Dashboard.Config("Ward 3 East", false, PrivacyMode.OFF, false, "nurse.test",
                            AdminInfo.none(), b -> "distress >= 0.60 for 20 s", b -> 0.6));
            d.frame().setSize(1400, 860);
            d.show();
            return d;
        });
    }

    @AfterEach
    void close() throws Exception {
        if (dash != null) closeAndWait(dash);
    }

    @Test
    void title_names_vigil() throws Exception {
        assertThat(edt(() -> dash.frame().getTitle())).contains("Vigil");
    }

    @Test
    void tile_colour_follows_the_bed_state() throws Exception {
        model.onStatus(status("Bed 1", 100, BedState.CALM, 40, Map.of("neutral", 0.8, "sad", 0.1)));
        model.onStatus(status("Bed 2", 100, BedState.DISTRESS_BUILDING, 90, Map.of("sad", 0.55, "neutral", 0.3)));
        model.onStatus(status("Bed 3", 100, BedState.ALERT, 70, Map.of("sad", 0.8)));
        model.onStatus(status("Bed 4", 100, BedState.CANNOT_ASSESS, 95, Map.of()));
        edt(() -> dash.refreshNow());
        BufferedImage shot = capture(dash.frame());
        Map<String, Color> expected = Map.of("Bed 1", StateStyle.CALM, "Bed 2", StateStyle.BUILDING,
                "Bed 3", StateStyle.ALERT, "Bed 4", StateStyle.CANNOT_ASSESS);
        for (var e : expected.entrySet()) {
            BedTile tile = dash.ward().tile(e.getKey());
            Rectangle r = boundsInRoot(dash.frame(), tile);
            // A strip of the header right of the bed name and left of the state text: pure band colour.
            Rectangle band = new Rectangle(r.x + r.width / 3, r.y + 4, 20, 4);
            assertThat(distance(mean(shot, band), e.getValue())).as(e.getKey() + " header colour").isLessThan(12);
        }
        // A new status moves the colour: Bed 1 goes from calm to distress building.
        model.onStatus(status("Bed 1", 101, BedState.DISTRESS_BUILDING, 101, Map.of("sad", 0.5)));
        edt(() -> dash.refreshNow());
        shot = capture(dash.frame());
        Rectangle r = boundsInRoot(dash.frame(), dash.ward().tile("Bed 1"));
        assertThat(distance(mean(shot, new Rectangle(r.x + r.width / 3, r.y + 4, 20, 4)), StateStyle.BUILDING))
                .isLessThan(12);
    }

    @Test
    void alerts_are_listed_most_severe_first_and_can_be_acknowledged_and_resolved() throws Exception {
        model.onAlert(alert("a1", "Bed 2", AlertPriority.MEDIUM, AlertTransition.RAISED, 50, Map.of("angry", 0.5)));
        model.onAlert(alert("a2", "Bed 3", AlertPriority.HIGH, AlertTransition.RAISED, 60, Map.of("sad", 0.81)));
        edt(() -> dash.refreshNow());
        var table = dash.alerts().table();
        assertThat(edt(() -> table.getRowCount())).isEqualTo(2);
        assertThat(edt(() -> table.getValueAt(0, 1))).isEqualTo("Bed 3");
        assertThat(edt(() -> String.valueOf(table.getValueAt(0, 2)))).contains("sad 0.81");
        assertThat(edt(() -> table.getValueAt(0, 4))).isEqualTo("NEW");
        assertThat(sound.cuesSounded()).as("one cue per new alert batch").isEqualTo(1);

        // The unacknowledged alert makes its tile red with a thick frame even if the status lags behind.
        assertThat(edt(() -> dash.ward().tile("Bed 3").shownState())).isEqualTo(BedState.ALERT);

        edt(() -> {
            table.setRowSelectionInterval(0, 0);
            dash.alerts().acknowledgeButton().doClick();
        });
        edt(() -> dash.refreshNow());
        // Acknowledged alerts sink below new ones: Bed 2's MEDIUM alert is now on top.
        assertThat(edt(() -> table.getValueAt(0, 1))).isEqualTo("Bed 2");
        assertThat(edt(() -> String.valueOf(table.getValueAt(1, 4)))).startsWith("Ack'd").contains("nurse.test");
        assertThat(edt(() -> dash.alerts().acknowledgeButton().isEnabled())).as("already acknowledged").isFalse();

        // Resolve opens the outcome menu; answering is never required.
        edt(() -> DashboardFeedbackTest.item(dash.alerts().outcomeMenu(), "outcome-none").doClick());
        edt(() -> dash.refreshNow());
        assertThat(edt(() -> table.getRowCount())).isEqualTo(1);
        assertThat(edt(() -> table.getValueAt(0, 1))).isEqualTo("Bed 2");
    }

    @Test
    void muting_silences_new_alerts_but_still_lists_them() throws Exception {
        edt(() -> dash.alerts().muteButton().doClick());
        assertThat(sound.muted()).isTrue();
        model.onAlert(alert("m1", "Bed 1", AlertPriority.HIGH, AlertTransition.RAISED, 10, Map.of("angry", 0.7)));
        edt(() -> dash.refreshNow());
        assertThat(edt(() -> dash.alerts().table().getRowCount())).isEqualTo(1);
        assertThat(sound.cuesSounded()).isZero();
        edt(() -> dash.alerts().muteButton().doClick());
        model.onAlert(alert("m2", "Bed 2", AlertPriority.HIGH, AlertTransition.RAISED, 11, Map.of("angry", 0.7)));
        edt(() -> dash.refreshNow());
        assertThat(sound.cuesSounded()).isEqualTo(1);
    }

    @Test
    void privacy_switch_blurs_the_face_then_hides_the_video() throws Exception {
        FrameSnapshot frame = RealFrames.grab("Bed 1", "pyfeat_WolfgangLanger_Pexels.mp4", 3.0);
        assertThat(frame.patient()).as("YuNet finds the woman's face").isNotNull();
        model.onFrame(frame);
        edt(() -> dash.refreshNow());
        BedTile tile = dash.ward().tile("Bed 1");
        Rectangle face = faceOnScreen(tile, frame);
        BufferedImage before = capture(dash.frame());
        save(before, "test-privacy-off");
        double sharp = detail(before, face);

        edt(() -> dash.privacyButton(PrivacyMode.BLUR_FACES).doClick());
        // Switching privacy on hides video at once; the next frame arrives blurred.
        BufferedImage between = capture(dash.frame());
        save(between, "test-privacy-between");
        assertThat(detail(between, face)).isLessThan(sharp * 0.5);
        model.onFrame(frame);
        edt(() -> dash.refreshNow());
        BufferedImage blurred = capture(dash.frame());
        double blurredVar = detail(blurred, face);
        save(blurred, "test-privacy-blur");
        System.out.printf("face detail: clear %.1f, blurred %.1f%n", sharp, blurredVar);
        assertThat(blurredVar).as("face detail after blur vs before (%.0f)", sharp).isLessThan(sharp * 0.5);
        // The rest of the picture keeps its detail: only the face is blurred.
        Rectangle tileR = boundsInRoot(dash.frame(), tile);
        assertThat(mean(blurred, new Rectangle(tileR.x + 10, tileR.y + BedTile.HEADER + 10, 30, 30)))
                .isNotEqualTo(Color.BLACK);

        edt(() -> dash.privacyButton(PrivacyMode.HIDE_VIDEO).doClick());
        model.onFrame(frame);
        edt(() -> dash.refreshNow());
        BufferedImage hidden = capture(dash.frame());
        Rectangle video = new Rectangle(tileR.x, tileR.y + BedTile.HEADER, tileR.width,
                tileR.height - BedTile.HEADER - BedTile.TIMELINE);
        // Only the placeholder: no pixel of the frame anywhere in the video area.
        assertThat(detail(hidden, face)).isLessThan(sharp * 0.2);
        assertThat(edt(() -> dash.privacyButton(PrivacyMode.HIDE_VIDEO).isSelected())).isTrue();
        assertThat(distance(mean(hidden, new Rectangle(video.x + 2, video.y + 2, 40, 40)), new Color(0x263238)))
                .as("placeholder colour where the picture was").isLessThan(4);
    }

    @Test
    void grid_scales_to_sixteen_beds() throws Exception {
        for (int i = 5; i <= 16; i++) model.bed("Bed " + i);
        edt(() -> dash.refreshNow());
        edt(() -> dash.frame().validate());
        var tiles = edt(() -> dash.ward().tiles());
        assertThat(tiles).hasSize(16);
        Rectangle wardR = boundsInRoot(dash.frame(), dash.ward());
        for (BedTile t : tiles) {
            Rectangle r = boundsInRoot(dash.frame(), t);
            assertThat(r.width).isGreaterThan(150);
            assertThat(r.height).isGreaterThan(100);
            assertThat(wardR.contains(r)).as(t.bed() + " inside the ward view").isTrue();
        }
    }

    @Test
    void dark_theme_switch_repaints_the_window_dark_and_back() throws Exception {
        Rectangle status = boundsInRoot(dash.frame(), edt(() -> (java.awt.Component) UiTestSupport.named(
                dash.frame().getContentPane(), "statusBar")));
        Rectangle probe = new Rectangle(status.x + status.width - 60, status.y + 2, 40, 4);
        double light = brightness(mean(capture(dash.frame()), probe));
        edt(() -> ((javax.swing.JToggleButton) UiTestSupport.named(dash.frame().getContentPane(), "dark")).doClick());
        double dark = brightness(mean(capture(dash.frame()), probe));
        assertThat(light).isGreaterThan(180);
        assertThat(dark).isLessThan(100);
        edt(() -> ((javax.swing.JToggleButton) UiTestSupport.named(dash.frame().getContentPane(), "dark")).doClick());
        assertThat(brightness(mean(capture(dash.frame()), probe))).isGreaterThan(180);
    }

    @Test
    void every_bed_gets_a_source_picker_in_the_sources_tab() throws Exception {
        edt(() -> dash.tabs().setSelectedIndex(2));
        edt(() -> dash.refreshNow());
        for (int i = 1; i <= 4; i++) {
            String bed = "Bed " + i;
            assertThat(edt(() -> UiTestSupport.named(dash.tabs(), "openFile:" + bed))).as(bed).isNotNull();
            assertThat(edt(() -> UiTestSupport.named(dash.tabs(), "url:" + bed))).as(bed).isNotNull();
        }
    }

    private static double brightness(Color c) {
        return (c.getRed() + c.getGreen() + c.getBlue()) / 3.0;
    }

    /** The patient's face box, mapped into the captured window image (tile letterboxes the frame). */
    private Rectangle faceOnScreen(BedTile tile, FrameSnapshot f) throws Exception {
        Rectangle t = boundsInRoot(dash.frame(), tile);
        Rectangle area = new Rectangle(t.x, t.y + BedTile.HEADER, t.width, t.height - BedTile.HEADER - BedTile.TIMELINE);
        BufferedImage img = f.image();
        double s = Math.min(area.width / (double) img.getWidth(), area.height / (double) img.getHeight());
        int w = (int) Math.round(img.getWidth() * s), h = (int) Math.round(img.getHeight() * s);
        int ox = area.x + (area.width - w) / 2, oy = area.y + (area.height - h) / 2;
        FaceBox p = f.patient();
        // The inner half of the box: skin, eyes, mouth; away from the drawn box outline and landmarks.
        return new Rectangle(ox + (int) ((p.x() + p.width() * 0.25) * s), oy + (int) ((p.y() + p.height() * 0.25) * s),
                (int) (p.width() * 0.5 * s), (int) (p.height() * 0.5 * s));
    }
}
