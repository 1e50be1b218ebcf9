package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.vigil.ui.UiTestSupport.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertTransition;
import org.vigil.base.Defaults;
import org.vigil.classify.EmotionLabels;
import org.vigil.classify.KerasImporter;
import org.vigil.pipeline.BedState;
import org.vigil.pipeline.FrameSnapshot;
import org.vigil.testing.SharedFiles;

/**
 * Makes the README screenshots (docs/screenshots). Runs only when asked:
 * {@code xvfb-run -a -s "-screen 0 1600x1000x24" mvn -B -q test -Dtest=DocScreenshotsTest -Dvigil.screenshots=docs/screenshots}.
 * The ward view is staged: real frames of the shared public clips with their real YuNet faces, bed
 * states and alerts set through the event API so that every state shows at once. The detail view is
 * the real pipeline on the crying clip.
 */
class DocScreenshotsTest {
    private static void requireAsked() {
        assumeTrue(System.getProperty("vigil.screenshots") != null,
                "README screenshots are made only with -Dvigil.screenshots=docs/screenshots");
        requireDisplay();
    }

    @Test
    void ward_views() throws Exception {
        requireAsked();
        record Bed(String name, String clip, double at, BedState state, double lasted, Map<String, Double> emotions) {}
        List<Bed> beds = List.of(
                new Bed("Bed 1", "pyfeat_WolfgangLanger_Pexels.mp4", 5.0, BedState.ALERT, 42, Map.of("sad", 0.71, "angry", 0.06, "neutral", 0.08)),
                new Bed("Bed 2", "pyfeat_single_face.mp4", 1.2, BedState.CALM, 1260, Map.of("happy", 0.62, "neutral", 0.3)),
                new Bed("Bed 3", "pyfeat_WolfgangLanger_Pexels.mp4", 9.5, BedState.DISTRESS_BUILDING, 14, Map.of("sad", 0.41, "angry", 0.12, "neutral", 0.3)),
                new Bed("Bed 4", "pyfeat_noface_face.mov", 0.5, BedState.CANNOT_ASSESS, 95, Map.of()),
                new Bed("Bed 5", "pyfeat_WolfgangLanger_Pexels.mp4", 15.0, BedState.CALM, 610, Map.of("happy", 0.9)),
                new Bed("Bed 6", null, 0, BedState.CAMERA_OFFLINE, 0, Map.of()));
        for (boolean dark : new boolean[] {false, true}) {
            DashboardModel model = new DashboardModel();
            beds.forEach(b -> model.bed(b.name()));
            Dashboard dash = edt(() -> {
                Dashboard.applyTheme(dark);
                Dashboard d = new Dashboard(model, PipelineBackend.preview(java.util.Map.of(), false), null, new AlertSound(),
                        new Dashboard.Config("Ward 3 East", dark, dark ? PrivacyMode.BLUR_FACES : PrivacyMode.OFF, dark,
                                "nurse", AdminInfo.none(), b -> "", b -> 0.6));
                d.frame().setSize(1440, 900);
                d.show();
                return d;
            });
            double now = 3600;
            for (Bed b : beds) {
                if (b.clip() != null) {
                    FrameSnapshot f = RealFrames.grab(b.name(), b.clip(), b.at());
                    model.onFrame(f);
                }
                // A few minutes of history so the timeline strip has something to show.
                for (double t = now - 300; t <= now; t += 5) {
                    BedState s = t < now - b.lasted() ? (b.state() == BedState.CALM ? BedState.DISTRESS_BUILDING : BedState.CALM) : b.state();
                    if (t < now - b.lasted() - 40) s = BedState.CALM;
                    model.onStatus(status(b.name(), t, s, s == b.state() ? now - b.lasted() : now - b.lasted() - 40,
                            s == b.state() ? b.emotions() : Map.of("neutral", 0.7, "sad", 0.2)));
                }
                if (b.state() == BedState.CAMERA_OFFLINE) model.onSourceState(b.name(), org.vigil.capture.SourceState.OFFLINE, "No frames from camera:2 for 12 s");
            }
            model.onAlert(alert("a1", "Bed 1", AlertPriority.HIGH, AlertTransition.RAISED, now - 42, Map.of("sad", 0.71)));
            model.onAlert(new org.vigil.alerts.AlertEvent("a2", "Bed 6", org.vigil.alerts.AlertKind.CAMERA_OFFLINE, AlertPriority.MEDIUM,
                    AlertTransition.RAISED, now, java.time.Instant.now(), Map.of(), "technical", "Camera offline for 12 s", "system"));
            model.onAlert(alert("a3", "Bed 3", AlertPriority.MEDIUM, AlertTransition.RAISED, now - 600, Map.of("angry", 0.64)));
            model.onAlert(new org.vigil.alerts.AlertEvent("a3", "Bed 3", org.vigil.alerts.AlertKind.DISTRESS, AlertPriority.MEDIUM,
                    AlertTransition.ACKNOWLEDGED, now - 580, java.time.Instant.now(), Map.of("angry", 0.64), "distress",
                    "acknowledged", "nurse.kim"));
            edt(() -> dash.refreshNow());
            Thread.sleep(300);
            edt(() -> dash.refreshNow());
            Path p = save(capture(dash.frame()), dark ? "ward-dark-privacy" : "ward");
            assertThat(Files.size(p)).isGreaterThan(10_000);
            edt(() -> dash.tabs().setSelectedIndex(3));
            if (!dark) {
                Path badFile = writeBadConfig();
                var ref = KerasImporter.importModel(SharedFiles.require(Defaults.REFERENCE_MODEL), EmotionLabels.FER7,
                        org.vigil.classify.Preprocessing.SYMMETRIC);
                AdminInfo bad = new AdminInfo(Path.of("alerts-config"), List.of(badFile), AlertsSetup.load(badFile).errors(),
                        Path.of("../shared", Defaults.REFERENCE_MODEL), ref.metadata(), null);
                // The real admin panel on a config with a mistake, to show how errors point at the line.
                edt(() -> {
                    dash.tabs().setComponentAt(3, new AdminPanel(bad));
                    dash.tabs().setSelectedIndex(3);
                    dash.frame().validate();
                });
                save(capture(dash.frame()), "admin-errors");
            }
            closeAndWait(dash);
        }
    }

    private static Path badConfig;

    /** The shipped rules with one typo: start above 1. */
    private static Path writeBadConfig() throws java.io.IOException {
        if (badConfig == null) {
            badConfig = Files.createTempDirectory("alerts-config").resolve("rules.yaml");
            Files.writeString(badConfig, Files.readString(Path.of("alerts-config/rules.yaml"))
                    .replace("start: 0.60", "start: 6.0").replace("emotions: [angry, sad]", "emotions: [angry, sadd]"));
        }
        return badConfig;
    }

    @Test
    void no_camera() throws Exception {
        requireAsked();
        assumeTrue(!Files.exists(Path.of("/dev/video0")), "this machine has a camera: no 'no camera' picture");
        var o = new DashboardApp.Options(List.of(), List.of(), null, null, null, false, null, false);
        Dashboard dash = DashboardApp.open(o, DashboardApp.beds(o), PipelineBackend.preview(java.util.Map.of(), false), null,
                AdminInfo.none(), AlertsSetup.load(null));
        Thread.sleep(500);
        edt(() -> dash.refreshNow());
        save(capture(dash.frame()), "no-camera");
        closeAndWait(dash);
    }

    @Test
    void detail_view_on_the_real_pipeline() throws Exception {
        requireAsked();
        Path clip = SharedFiles.require("data/videos/pyfeat_WolfgangLanger_Pexels.mp4");
        var model = KerasImporter.importModel(SharedFiles.require(Defaults.REFERENCE_MODEL), EmotionLabels.FER7,
                org.vigil.classify.Preprocessing.SYMMETRIC);
        Path rules = Files.createTempFile("rules", ".yaml");
        Files.writeString(rules, """
                version: 1
                rules:
                  - id: distress
                    emotions: [angry, sad]
                    start: 0.50
                    end: 0.40
                    persist: 3s
                    priority: high
                """);
        AlertsSetup alerts = AlertsSetup.load(rules);
        PipelineBackend backend = new PipelineBackend(model, alerts.rules(), Map.of());
        var o = new DashboardApp.Options(List.of(clip.toString()), List.of("Bed 1"), null, null, rules, false, null, false);
        Dashboard dash = DashboardApp.open(o, DashboardApp.beds(o), backend, backend,
                new AdminInfo(rules, List.of(rules), List.of(), null, model.metadata(), null), alerts);
        edt(() -> dash.openBed("Bed 1"));
        // The moment the alert is raised (the episode held above the threshold for 3 s).
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && edt(() -> dash.alerts().table().getRowCount()) == 0) Thread.sleep(100);
        Thread.sleep(700);
        edt(() -> dash.refreshNow());
        save(capture(dash.frame()), "detail");
        closeAndWait(dash);
    }
}
