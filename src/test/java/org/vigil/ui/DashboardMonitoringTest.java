package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.ui.UiTestSupport.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.base.Defaults;
import org.vigil.testing.SharedFiles;

/**
 * The dashboard as ./run.sh opens it (DashboardApp.openMonitoring): real model, real pipeline, the
 * alert system with its SQLite store and hot-reloaded rules folder.
 */
class DashboardMonitoringTest {
    @TempDir
    Path dir;
    private Dashboard dash;

    @AfterEach
    void close() throws Exception {
        if (dash != null) closeAndWait(dash);
    }

    @Test
    void alerts_survive_a_restart_and_a_bad_rules_edit_shows_in_admin_while_the_old_rules_stay() throws Exception {
        requireDisplay();
        Path clip = SharedFiles.require("data/videos/pyfeat_WolfgangLanger_Pexels.mp4");
        Path model = SharedFiles.require(Defaults.REFERENCE_MODEL);
        Path config = Files.createDirectories(dir.resolve("alerts-config"));
        String good = """
                version: 1
                rules:
                  - id: distress
                    emotions: [angry, sad]
                    start: 0.50
                    end: 0.40
                    persist: 3s
                    priority: high
                    latched: true
                """;
        Files.writeString(config.resolve("rules.yaml"), good);
        Path db = dir.resolve("var/alerts.db");

        dash = DashboardApp.openMonitoring(new DashboardApp.Options(List.of(clip.toString()), List.of("Bed 2"), null,
                model, config, false, null, false, db.toString()));
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && edt(() -> dash.alerts().table().getRowCount()) == 0) Thread.sleep(200);
        assertThat(edt(() -> dash.alerts().table().getRowCount())).as("alert raised by the real pipeline").isEqualTo(1);
        // Closing: the pipeline stops (joined) before the alert store closes, and neither happens on the EDT.
        PipelineBackend backend = (PipelineBackend) dash.backend();
        assertThat(backend.stats()).as("the pipeline runs").isNotNull();
        java.util.concurrent.atomic.AtomicReference<String> atClose = new java.util.concurrent.atomic.AtomicReference<>();
        dash.afterClose(() -> atClose.set("pipeline " + (backend.stats() == null ? "stopped" : "running")
                + ", edt " + javax.swing.SwingUtilities.isEventDispatchThread()));
        closeAndWait(dash);
        dash = null;
        assertThat(atClose.get()).isEqualTo("pipeline stopped, edt false");
        assertThat(db.resolveSibling(db.getFileName() + "-wal")).as("every connection to the store closed (WAL folded back)")
                .doesNotExist();

        // Restart on the same database (this time without video): the open alert is back in the queue.
        dash = DashboardApp.openMonitoring(new DashboardApp.Options(List.of("camera:63"), List.of("Bed 2"), null,
                model, config, false, null, false, db.toString()));
        edt(() -> dash.refreshNow());
        assertThat(edt(() -> dash.alerts().table().getRowCount())).as("restored from " + db).isEqualTo(1);
        assertThat(edt(() -> dash.alerts().table().getValueAt(0, 1))).isEqualTo("Bed 2");
        assertThat(edt(() -> dash.admin().errorsText())).contains("Valid");

        // A bad edit: Admin shows where, the last good rules stay in force for the nurse.
        Files.writeString(config.resolve("rules.yaml"), good.replace("start: 0.50", "start: 5.0"));
        deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline && !edt(() -> dash.admin().errorsText()).contains("NOT in force")) {
            Thread.sleep(200);
        }
        assertThat(edt(() -> dash.admin().errorsText())).contains("NOT in force").contains("rules.yaml:5:").contains("5.0");
        assertThat(edt(() -> dash.admin().highlightedLines())).anySatisfy(l -> assertThat(l).contains("start: 5.0"));
        edt(() -> dash.openBed("Bed 2"));
        String thresholds = edt(() -> ((javax.swing.JTextArea) UiTestSupport.named(dash.detail(), "thresholds")).getText());
        assertThat(thresholds).contains("last good rules stay in force").contains("0.50");
    }
}
