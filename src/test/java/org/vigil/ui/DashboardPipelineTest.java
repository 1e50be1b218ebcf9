package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.ui.UiTestSupport.*;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.base.Defaults;
import org.vigil.classify.EmotionLabels;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.KerasImporter;
import org.vigil.classify.Preprocessing;
import org.vigil.pipeline.BedState;
import org.vigil.testing.SharedFiles;

/**
 * End to end: the real pipeline (capture, YuNet, tracking, the Keras reference model, smoothing, the
 * alarm rules from a real config file) on a real clip, into the real dashboard window.
 */
class DashboardPipelineTest {
    @TempDir
    Path dir;
    private Dashboard dash;

    @AfterEach
    void close() throws Exception {
        if (dash != null) closeAndWait(dash);
    }

    @Test
    void a_crying_patient_turns_her_tile_red_raises_an_alert_and_the_nurse_acknowledges_it() throws Exception {
        requireDisplay();
        Path clip = SharedFiles.require("data/videos/pyfeat_WolfgangLanger_Pexels.mp4");
        EmotionModel model = KerasImporter.importModel(SharedFiles.require(Defaults.REFERENCE_MODEL),
                EmotionLabels.FER7, Preprocessing.SYMMETRIC);
        // A real rules file, with persistence short enough for a 20 s clip (and no night shift override).
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                version: 1
                rules:
                  - id: distress
                    emotions: [angry, sad]
                    combine: sum
                    start: 0.50
                    end: 0.40
                    persist: 3s
                    clear_after: 5s
                    grace: 10s
                    priority: high
                    cooldown: 2m
                    latched: true
                """);
        AlertsSetup alerts = AlertsSetup.load(rules);
        assertThat(alerts.errors()).isEmpty();
        PipelineBackend backend = new PipelineBackend(model, alerts.rules(), java.util.Map.of());
        var o = new DashboardApp.Options(List.of(clip.toString()), List.of("Bed 5"), null, null, rules, false, null, false);
        dash = DashboardApp.open(o, DashboardApp.beds(o), backend, backend,
                new AdminInfo(rules, List.of(rules), List.of(), null, model.metadata(), null), alerts);
        BedFeed feed = edt(() -> dash.model().bed("Bed 5"));

        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && edt(() -> dash.alerts().table().getRowCount()) == 0) {
            Thread.sleep(200);
        }
        HistorySlice history = feed.history(0);
        for (int i = 0; i < history.size(); i++) {
            System.out.printf("t=%.1f %s distress=%.2f%n", history.t(i), history.state(i), history.distress(i));
        }
        System.out.println("last status: " + feed.status() + " source " + feed.sourceState() + " " + feed.sourceDetail());
        assertThat(feed.status()).as("the pipeline reports the bed").isNotNull();
        assertThat(feed.frame()).as("live frames reach the tile").isNotNull();
        assertThat(history.size()).as("history for the timeline").isPositive();
        assertThat(history.labels()).as("the model's classes are kept for the chart").contains("sad", "angry");
        assertThat(edt(() -> dash.alerts().table().getRowCount())).as("a distress alert is listed").isEqualTo(1);
        assertThat(edt(() -> dash.alerts().table().getValueAt(0, 1))).isEqualTo("Bed 5");
        assertThat(edt(() -> String.valueOf(dash.alerts().table().getValueAt(0, 2)))).containsAnyOf("sad", "angry");

        edt(() -> dash.refreshNow());
        BufferedImage shot = capture(dash.frame());
        save(shot, "test-pipeline-alert");
        BedTile tile = edt(() -> dash.ward().tile("Bed 5"));
        assertThat(edt(tile::shownState)).isEqualTo(BedState.ALERT);
        Rectangle r = boundsInRoot(dash.frame(), tile);
        assertThat(distance(mean(shot, new Rectangle(r.x + r.width / 3, r.y + 6, 20, 4)), StateStyle.ALERT))
                .as("tile header is alert red").isLessThan(12);

        // Acknowledge goes to the alert manager; the queue shows the manager's answer.
        edt(() -> {
            dash.alerts().table().setRowSelectionInterval(0, 0);
            dash.alerts().acknowledgeButton().doClick();
        });
        deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline
                && !String.valueOf(edt(() -> dash.alerts().table().getValueAt(0, 4))).startsWith("Ack'd")) {
            Thread.sleep(100);
            edt(() -> dash.refreshNow());
        }
        assertThat(String.valueOf(edt(() -> dash.alerts().table().getValueAt(0, 4)))).startsWith("Ack'd");
        assertThat(backend.alerts().openAlerts()).hasSize(1);
        assertThat(backend.alerts().openAlerts().get(0).acknowledged()).isTrue();
        assertThat(edt(tile::shownState)).as("acknowledged: the tile follows the status again").isNotNull();

        // The detail view shows the bed's probabilities and the thresholds in force.
        edt(() -> dash.openBed("Bed 5"));
        String thresholds = edt(() -> ((javax.swing.JTextArea) UiTestSupport.named(dash.detail(), "thresholds")).getText());
        assertThat(thresholds).contains("0.50").contains("3 s");
        save(capture(dash.frame()), "test-pipeline-detail");
    }
}
