package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.ui.UiTestSupport.*;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertStore;
import org.vigil.alerts.AlertTransition;
import org.vigil.alerts.FalseAlarmReason;
import org.vigil.alerts.Outcome;
import org.vigil.rules.AlarmEngine;
import org.vigil.rules.Assessability;
import org.vigil.rules.ConfigLoader;
import org.vigil.rules.Observation;

/**
 * The nurse-feedback part of the dashboard in a real window (Xvfb) on the real engine, manager and
 * SQLite file: an alert that ended unseen stays in the queue marked so; one click on Resolve's menu
 * records the answer; bed detail and admin show the last 24 h. Screenshots: feedback-*.png.
 */
class DashboardFeedbackTest {
    static final String RULES = """
            version: 1
            rules:
              - {id: distress, emotions: [angry, sad], start: 0.6, end: 0.45, persist: 5, clear_after: 2, cooldown: 0}
            """;

    /** What PipelineBackend does with a nurse's action: the manager's answer goes to the dashboard. */
    record ManagerActions(AlertManager m, DashboardModel model) implements AlertActions {
        @Override
        public void acknowledge(String id, String actor) {
            m.acknowledge(id, actor).ifPresent(model::onAlert);
        }

        @Override
        public void resolve(String id, String actor) {
            m.resolve(id, actor, null).ifPresent(model::onAlert);
        }

        @Override
        public void resolve(String id, String actor, Outcome o, FalseAlarmReason r) {
            m.resolve(id, actor, o, r).ifPresent(model::onAlert);
        }
    }

    static List<AlertEvent> play(AlarmEngine e, String bed, double[] t, double seconds, double sad) {
        List<AlertEvent> out = new ArrayList<>();
        for (double end = t[0] + seconds; t[0] < end - 1e-9; ) {
            t[0] += 0.5;
            out.addAll(e.observe(new Observation(bed, t[0], Assessability.OK, Map.of("sad", sad, "neutral", 1 - sad), 1)));
        }
        return out;
    }

    static void waitFor(Callable<Boolean> c, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!edt(c)) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    static JMenuItem item(JPopupMenu m, String name) {
        for (var c : m.getSubElements()) {
            if (c instanceof JMenu sub) {
                for (var s : sub.getMenuComponents()) if (name.equals(s.getName())) return (JMenuItem) s;
            } else if (c instanceof JMenuItem it && name.equals(it.getName())) return it;
        }
        throw new AssertionError("no menu item " + name);
    }

    @Test
    void ended_alert_stays_until_seen_one_click_outcome_and_last_24h_figures(@TempDir Path dir) throws Exception {
        requireDisplay();
        AlertManager m = new AlertManager(new AlertStore(dir.resolve("alerts.db")), Clock.systemUTC());
        AlarmEngine engine = new AlarmEngine(ConfigLoader.parse("rules.yaml", RULES), m, Clock.systemUTC());
        DashboardModel model = new DashboardModel();
        model.bed("bed-1");
        model.bed("bed-2");
        Dashboard dash = edt(() -> {
            Dashboard.applyTheme(false);
            Dashboard d = new Dashboard(model, PipelineBackend.preview(java.util.Map.of(), false), new ManagerActions(m, model), new AlertSound(),
                    new Dashboard.Config("Ward 3 East", false, PrivacyMode.OFF, false, "nurse.kim", AdminInfo.none(), b -> "distress >= 0.60 for 5 s",
                            b -> 0.6));
            d.frame().setSize(1440, 900);
            d.show();
            d.feedback(new FeedbackSource(m.store(), engine::rules, model, Clock.systemUTC()));
            return d;
        });
        try {
            ManagerActions act = new ManagerActions(m, model);
            double[] t1 = {0}, t2 = {0};
            // bed-2: raised, acknowledged, resolved as a false alarm (resting face)
            List<AlertEvent> b2 = play(engine, "bed-2", t2, 8, 0.9);
            b2.forEach(model::onAlert);
            act.acknowledge(b2.get(0).alertId(), "nurse.kim");
            act.resolve(b2.get(0).alertId(), "nurse.kim", Outcome.FALSE_ALARM, FalseAlarmReason.RESTING_FACE);
            // bed-1: raised and ended by itself 7 s later with nobody looking (the crying-clip case), then again, still on
            List<AlertEvent> b1 = new ArrayList<>(play(engine, "bed-1", t1, 8, 0.9));
            b1.addAll(play(engine, "bed-1", t1, 4, 0.05));
            b1.addAll(play(engine, "bed-1", t1, 7, 0.9));
            b1.forEach(model::onAlert);
            assertThat(b1).extracting(AlertEvent::transition)
                    .containsExactly(AlertTransition.RAISED, AlertTransition.RESOLVED, AlertTransition.RAISED);
            String ended = b1.get(0).alertId(), live = b1.get(2).alertId();

            edt(() -> dash.refreshNow());
            AlertQueuePanel q = dash.alerts();
            waitFor(() -> q.queue().size() == 2, "two entries");
            assertThat(edt(() -> q.queue().get(ended).endedUnseen())).isTrue();
            assertThat(edt(() -> q.queue().get(live).endedUnseen())).isFalse();
            int endedRow = edt(() -> {
                for (int r = 0; r < q.table().getRowCount(); r++) if (AlertQueuePanel.ENDED_UNSEEN.equals(q.table().getValueAt(r, 4))) return r;
                return -1;
            });
            assertThat(endedRow).as("status column").isNotNegative();
            assertThat(edt(() -> ((javax.swing.JLabel) q.getComponent(0)).getText()))
                    .isEqualTo("Alerts — 1 open, 1 new, 1 ended not yet seen");
            assertThat(edt(() -> q.queue().entries().get(endedRow).alertId())).isEqualTo(ended);
            waitFor(() -> dash.feedbackPanel().table().getRowCount() > 0 && dash.detail().last24Text().contains("alert"), "figures");

            // bed detail of bed-1: its last 24 h
            edt(() -> {
                dash.openBed("bed-1");
                dash.refreshNow();
            });
            waitFor(() -> dash.detail().last24Text().startsWith("2 alert(s)"), "bed-1 figures");
            assertThat(edt(() -> dash.detail().last24Text())).contains("Ended unseen 1 (still unseen 1)");
            edt(() -> q.table().setRowSelectionInterval(endedRow, endedRow));
            save(capture(dash.frame()), "feedback-bed-detail");

            // admin: the ward
            edt(() -> dash.tabs().setSelectedIndex(3));
            assertThat(edt(() -> dash.feedbackPanel().titleText())).contains("last 24 h, 2 bed(s)");
            assertThat(edt(() -> dash.feedbackPanel().table().getValueAt(0, 0))).isEqualTo("Ward");
            assertThat(edt(() -> dash.feedbackPanel().table().getValueAt(0, 1))).isEqualTo(3);
            assertThat(edt(() -> dash.feedbackPanel().table().getValueAt(0, 4))).isEqualTo("1 (100%)");
            JPopupMenu menu = edt(q::outcomeMenu);
            save(capture(dash.frame()), "feedback-admin");

            // one click: "Distress confirmed" on the ended alert = seen, with the answer
            edt(() -> {
                item(menu, "outcome-confirmed").doClick();
            });
            waitFor(() -> q.queue().get(ended) == null, "the seen alert leaving the queue");
            assertThat(m.endedUnseen()).isEmpty();
            assertThat(m.store().outcome(ended).orElseThrow().outcome()).isEqualTo(Outcome.CONFIRMED);
            assertThat(m.store().outcome(ended).orElseThrow().by()).isEqualTo("nurse.kim");
            assertThat(m.store().alert(ended).orElseThrow().ackedBy()).isEqualTo("nurse.kim");
            waitFor(() -> "1 (50%)".equals(dash.feedbackPanel().table().getValueAt(0, 3)), "ward figures after the answer");
        } finally {
            closeAndWait(dash);
            m.close();
        }
    }
}
