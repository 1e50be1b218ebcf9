package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.ui.UiTestSupport.*;

import java.awt.Component;
import java.awt.Container;
import java.awt.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import javax.swing.AbstractButton;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JTextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.AlertStore;
import org.vigil.app.AlertSystem;
import org.vigil.app.SuggestionDemo;

/**
 * The admin view's override suggestion in a real window (Xvfb) on a real alert system: the demo ward
 * (resting-face false alarms on bed-3) recorded into a SQLite file, the suggestion shown with what it did on
 * the recorded scores, Apply asks for confirmation and a name, the rules file changes and the running
 * engine has the override. Screenshots: suggestions-admin.png, suggestions-confirm.png, suggestions-applied.png.
 */
class DashboardSuggestionTest {
    @Test
    void suggestion_shown_confirmed_applied_to_file_and_engine(@TempDir Path dir) throws Exception {
        requireDisplay();
        Path config = Files.createDirectories(dir.resolve("alerts-config")), db = dir.resolve("alerts.db");
        Files.copy(Path.of("alerts-config/rules.yaml"), config.resolve("rules.yaml"));
        SuggestionDemo.main(new String[] {config.toString(), db.toString(), recentMorning().toString()});

        try (AlertSystem sys = AlertSystem.open(config, db, Clock.systemUTC())) {
            AdminInfo admin = new AdminInfo(config, List.of(config.resolve("rules.yaml")), List.of(), null, null, "no model in this test");
            Dashboard dash = edt(() -> {
                Dashboard.applyTheme(false);
                Dashboard d = new Dashboard(new DashboardModel(), PipelineBackend.preview(java.util.Map.of(), false), null, new AlertSound(),
                        new Dashboard.Config("Ward 3 East", false, PrivacyMode.OFF, false, "nurse.kim", admin, b -> "distress >= 0.70 for 15 s",
                                b -> 0.7));
                d.frame().setSize(1440, 1000);
                d.show();
                d.feedback(new FeedbackSource(sys.alerts().store(), sys.engine()::rules, d.model(), Clock.systemUTC()));
                d.suggestions(new SuggestionSource(sys, Clock.systemUTC()));
                d.tabs().setSelectedIndex(3);
                return d;
            });
            try {
                SuggestionsPanel p = dash.suggestionsPanel();
                waitFor(() -> p.shown().size() == 1, "the suggestion for bed-3");
                assertThat(edt(() -> p.shown().get(0).bed())).isEqualTo("bed-3");
                String text = edt(() -> SuggestionsPanel.describe(p.shown().get(0)));
                assertThat(text).startsWith("Bed 3: 5 of the last 7 judged alerts were false alarms (71%)")
                        .contains("Suggested: start 0.70 -> 0.75").contains("removes 5 of 5 false alarms and still raises 2 of 2 confirmed");
                JButton apply = edt(() -> (JButton) find(p, "apply-bed-3"));
                save(capture(dash.frame()), "suggestions-admin");

                // Apply… asks first: the dialog carries the dashboard's name, changed here to the admin's
                edt(() -> javax.swing.SwingUtilities.invokeLater(apply::doClick));
                JDialog dialog = waitForDialog("applyDialog");
                assertThat(edt(() -> ((JTextField) find(dialog, "applyBy")).getText())).isEqualTo("nurse.kim");
                edt(() -> ((JTextField) find(dialog, "applyBy")).setText("Dana Admin"));
                save(edt(() -> {
                    java.awt.Component root = dialog.getRootPane();
                    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(root.getWidth(), root.getHeight(),
                            java.awt.image.BufferedImage.TYPE_INT_RGB);
                    java.awt.Graphics2D g = img.createGraphics();
                    root.paint(g);
                    g.dispose();
                    return img;
                }), "suggestions-confirm");
                edt(() -> okButton(dialog).doClick());
                waitFor(() -> p.statusText().startsWith("Applied by Dana Admin"), "the applied status");
                assertThat(edt(p::statusText)).contains("beds.bed-3.rules.distress.start = 0.75").contains("in force now");
                assertThat(Files.readString(config.resolve("rules.yaml"))).contains("beds:\n  bed-3:\n    rules:\n      distress:\n        start: 0.75\n");
                assertThat(sys.engine().rules().effectiveRules("bed-3", java.time.LocalTime.NOON).get(0).start()).isEqualTo(0.75);
                assertThat(sys.engine().rules().effectiveRules("bed-1", java.time.LocalTime.NOON).get(0).start()).isEqualTo(0.70);
                assertThat(String.join("\n", sys.alerts().store().configChanges())).contains("override suggestion for bed-3 by Dana Admin");
                // checked again after applying: the new settings no longer raise the false alarms, nothing more to suggest
                waitFor(() -> !p.shown().isEmpty() && !p.shown().get(0).actionable(), "the re-check");
                assertThat(edt(() -> SuggestionsPanel.describe(p.shown().get(0)))).contains("No suggestion: the current settings (start 0.75");
                save(capture(dash.frame()), "suggestions-applied");
            } finally {
                closeAndWait(dash);
            }
        }
        try (AlertStore store = new AlertStore(db)) {
            assertThat(String.join("\n", store.configChanges())).contains("by Dana Admin");
        }
    }

    static void waitFor(Callable<Boolean> c, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!edt(c)) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    static JDialog waitForDialog(String name) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            JDialog d = edt(() -> {
                for (Window w : Window.getWindows()) if (w instanceof JDialog j && name.equals(j.getName()) && j.isShowing()) return j;
                return null;
            });
            if (d != null) return d;
            Thread.sleep(50);
        }
        throw new AssertionError("no dialog " + name);
    }

    static Component find(Container c, String name) {
        for (Component k : c.getComponents()) {
            if (name.equals(k.getName())) return k;
            if (k instanceof Container sub) {
                Component f = find(sub, name);
                if (f != null) return f;
            }
        }
        return null;
    }

    static AbstractButton okButton(Container c) {
        AbstractButton b = findOk(c);
        if (b == null) throw new AssertionError("no OK button");
        return b;
    }

    private static AbstractButton findOk(Container c) {
        for (Component k : c.getComponents()) {
            if (k instanceof JButton b && javax.swing.UIManager.getString("OptionPane.okButtonText").equals(b.getText())) return b;
            if (k instanceof Container sub) {
                AbstractButton f = findOk(sub);
                if (f != null) return f;
            }
        }
        return null;
    }

    /**
     * The demo ward's morning: 09:00 local, today if that is over 2 h ago, else yesterday. Not "now - 2 h": at
     * night the shipped night shift (persist 40 s) would let none of the demo's 25 s false alarms be raised.
     */
    static Instant recentMorning() {
        java.time.ZonedDateTime nine = java.time.LocalDate.now().atTime(9, 0).atZone(java.time.ZoneId.systemDefault());
        if (nine.toInstant().isAfter(Instant.now().minus(Duration.ofHours(2)))) nine = nine.minusDays(1);
        return nine.toInstant();
    }
}
