package org.vigil.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.rules.AlarmEngine;
import org.vigil.rules.Assessability;
import org.vigil.rules.ConfigLoader;
import org.vigil.rules.Observation;
import org.vigil.ui.AlertQueue;
import org.vigil.ui.PipelineBackend;

/**
 * Nurse feedback through the real engine, manager and SQLite file: an alert that ends before anyone
 * acknowledged it stays "ended — not yet seen" (also after a restart) until acknowledged, and every
 * outcome round-trips through the store and survives reopening the file.
 */
class AlertFeedbackTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    static final String RULES = """
            version: 1
            zone: UTC
            rules:
              - {id: distress, emotions: [angry, sad], start: 0.6, end: 0.45, persist: 5, clear_after: 2, cooldown: 0}
            technical: {not_visible_after: 3}
            """;

    /** Plays {@code seconds} at 2 Hz from {@code t[0]}; returns the events. */
    static List<AlertEvent> play(AlarmEngine e, String bed, double[] t, double seconds, double sad, Assessability a) {
        List<AlertEvent> out = new ArrayList<>();
        double end = t[0] + seconds;
        while (t[0] < end - 1e-9) {
            t[0] += 0.5;
            Map<String, Double> em = a.assessable() ? Map.of("sad", sad, "neutral", 1 - sad) : Map.of();
            out.addAll(e.observe(new Observation(bed, t[0], a, em, a.assessable() ? 1 : 0)));
        }
        return out;
    }

    /** One distress episode that raises and ends by itself: the crying-clip case. */
    static List<AlertEvent> episode(AlarmEngine e, String bed, double[] t) {
        List<AlertEvent> ev = new ArrayList<>(play(e, bed, t, 8, 0.9, Assessability.OK));
        ev.addAll(play(e, bed, t, 4, 0.05, Assessability.OK));
        return ev;
    }

    @Test
    void an_alert_that_ends_unacknowledged_stays_until_seen_also_after_a_restart(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("alerts.db");
        String id;
        AlertQueue queue = new AlertQueue();
        try (AlertManager m = new AlertManager(new AlertStore(db), CLOCK)) {
            AlarmEngine engine = new AlarmEngine(ConfigLoader.parse("r.yaml", RULES), m, CLOCK);
            List<AlertEvent> ev = episode(engine, "bed-1", new double[] {0});
            assertThat(ev).extracting(AlertEvent::transition).containsExactly(AlertTransition.RAISED, AlertTransition.RESOLVED);
            id = ev.get(0).alertId();
            ev.forEach(queue::apply);
            assertThat(m.openAlerts()).isEmpty();
            assertThat(m.endedUnseen()).extracting(Alert::id).containsExactly(id);
            assertThat(statuses(queue)).as("the dashboard's queue keeps it, marked").containsExactly(id + " ended-unseen");
        }
        // restart: the mark is durable, and the dashboard's seed events bring it back as ended
        try (AlertManager m = new AlertManager(new AlertStore(db), CLOCK)) {
            assertThat(m.endedUnseen()).extracting(Alert::id).containsExactly(id);
            AlertQueue again = new AlertQueue();
            try (PipelineBackend seed = new PipelineBackend(null, o -> List.of(), m, Map.of())) {
                seed.openAlertEvents().forEach(again::apply);
            }
            assertThat(statuses(again)).containsExactly(id + " ended-unseen");

            AlertEvent ack = m.acknowledge(id, "nurse Ann").orElseThrow();
            assertThat(ack.transition()).isEqualTo(AlertTransition.ACKNOWLEDGED);
            assertThat(ack.message()).contains("after it ended");
            again.apply(ack);
            assertThat(statuses(again)).as("seen: it leaves the queue").isEmpty();
            assertThat(m.endedUnseen()).isEmpty();
            assertThat(m.acknowledge(id, "nurse Ann")).as("only once").isEmpty();
        }
        try (AlertStore s = new AlertStore(db)) {
            assertThat(s.endedUnseen()).isEmpty();
            Alert a = s.alert(id).orElseThrow();
            assertThat(a.state()).isEqualTo(AlertTransition.RESOLVED);
            assertThat(a.ackedBy()).isEqualTo("nurse Ann");
            assertThat(a.ackedAt()).isEqualTo(CLOCK.instant());
            assertThat(s.events(null, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")).stream().map(e -> e.transition() + " " + e.actor()))
                    .containsExactly("RAISED system", "RESOLVED system", "ACKNOWLEDGED nurse Ann");
        }
    }

    static List<String> statuses(AlertQueue q) {
        return q.entries().stream().map(e -> e.alertId() + (e.endedUnseen() ? " ended-unseen" : e.acknowledged() ? " acked" : " new")).toList();
    }

    @Test
    void acknowledged_resolved_by_hand_and_technical_alerts_do_not_stay(@TempDir Path dir) throws Exception {
        try (AlertManager m = new AlertManager(new AlertStore(dir.resolve("a.db")), CLOCK)) {
            AlarmEngine engine = new AlarmEngine(ConfigLoader.parse("r.yaml", RULES), m, CLOCK);
            double[] t = {0};
            List<AlertEvent> ev = new ArrayList<>(play(engine, "bed-1", t, 8, 0.9, Assessability.OK));
            m.acknowledge(ev.get(0).alertId(), "Ann").orElseThrow();
            ev.addAll(play(engine, "bed-1", t, 4, 0.05, Assessability.OK));
            assertThat(ev).extracting(AlertEvent::transition).containsExactly(AlertTransition.RAISED, AlertTransition.RESOLVED);
            // not visible for 5 s: a technical alert that then ends by itself
            List<AlertEvent> tech = new ArrayList<>(play(engine, "bed-2", t, 5, 0, Assessability.NO_FACE));
            tech.addAll(play(engine, "bed-2", t, 1, 0.05, Assessability.OK));
            assertThat(tech).extracting(AlertEvent::kind).containsOnly(AlertKind.NOT_VISIBLE);
            assertThat(tech).extracting(AlertEvent::transition).containsExactly(AlertTransition.RAISED, AlertTransition.RESOLVED);
            assertThat(m.endedUnseen()).isEmpty();
            assertThat(m.store().endedUnseen()).isEmpty();
        }
    }

    @Test
    void every_outcome_round_trips_through_the_file_and_survives_a_restart(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("alerts.db");
        record Case(Outcome o, FalseAlarmReason r) {}
        List<Case> cases = new ArrayList<>(List.of(new Case(Outcome.CONFIRMED, null), new Case(Outcome.NOT_CHECKED, null),
                new Case(Outcome.FALSE_ALARM, null)));
        for (FalseAlarmReason r : FalseAlarmReason.values()) cases.add(new Case(Outcome.FALSE_ALARM, r));
        List<String> ids = new ArrayList<>();
        try (AlertManager m = new AlertManager(new AlertStore(db), CLOCK)) {
            for (int i = 0; i < cases.size(); i++) {
                String id = m.raise("bed-" + i, AlertKind.DISTRESS, "distress", AlertPriority.MEDIUM, i, Map.of("sad", 0.8), "sad", false)
                        .orElseThrow().alertId();
                ids.add(id);
                AlertEvent ev = m.resolve(id, "nurse Bo", cases.get(i).o(), cases.get(i).r()).orElseThrow();
                assertThat(ev.transition()).isEqualTo(AlertTransition.RESOLVED);
                assertThat(ev.message()).contains(cases.get(i).o().label());
            }
            // an alert that ended unseen: resolving with an outcome is the nurse seeing it, with the answer
            String ended = m.raise("bed-x", AlertKind.DISTRESS, "distress", AlertPriority.MEDIUM, 0, Map.of(), "sad", false).orElseThrow().alertId();
            m.conditionEnded(ended, 9, "condition ended");
            AlertEvent seen = m.resolve(ended, "nurse Bo", Outcome.FALSE_ALARM, FalseAlarmReason.POOR_LIGHT).orElseThrow();
            assertThat(seen.transition()).isEqualTo(AlertTransition.ACKNOWLEDGED);
            assertThat(m.endedUnseen()).isEmpty();
            ids.add(ended);
            cases.add(new Case(Outcome.FALSE_ALARM, FalseAlarmReason.POOR_LIGHT));
            String none = m.raise("bed-y", AlertKind.DISTRESS, "distress", AlertPriority.MEDIUM, 0, Map.of(), "sad", false).orElseThrow().alertId();
            m.resolve(none, "nurse Bo", null, null).orElseThrow();
            assertThat(m.store().outcome(none)).as("the answer is never required").isEmpty();
        }
        try (AlertStore s = new AlertStore(db)) { // reopened: what a restarted Vigil reads
            for (int i = 0; i < ids.size(); i++) {
                AlertFeedback f = s.outcome(ids.get(i)).orElseThrow();
                assertThat(f.outcome()).isEqualTo(cases.get(i).o());
                assertThat(f.reason()).isEqualTo(cases.get(i).r());
                assertThat(f.by()).isEqualTo("nurse Bo");
                assertThat(f.at()).isEqualTo(CLOCK.instant());
            }
            assertThat(s.outcomeLog(null)).hasSize(ids.size());
            assertThat(s.outcomes(null, Instant.EPOCH, Instant.now().plusSeconds(1))).hasSize(ids.size());
            // a later answer replaces the current one; the log keeps both
            s.recordOutcome(new AlertFeedback(ids.get(0), Outcome.FALSE_ALARM, FalseAlarmReason.TALKING_EATING, "nurse Cy", CLOCK.instant()));
            assertThat(s.outcome(ids.get(0)).orElseThrow().by()).isEqualTo("nurse Cy");
            assertThat(s.outcomeLog("bed-0")).extracting(AlertFeedback::outcome).containsExactly(Outcome.CONFIRMED, Outcome.FALSE_ALARM);
            assertThatThrownBy(() -> s.recordOutcome(new AlertFeedback("nope", Outcome.CONFIRMED, null, "x", CLOCK.instant())))
                    .hasMessageContaining("no alert 'nope'");
        }
        assertThatThrownBy(() -> new AlertFeedback("a", Outcome.CONFIRMED, FalseAlarmReason.POOR_LIGHT, "x", CLOCK.instant()))
                .hasMessageContaining("only with a false alarm");
        assertThatThrownBy(() -> Outcome.fromWire("maybe")).hasMessageContaining("'maybe'").hasMessageContaining("false-alarm");
    }

    @Test
    void wire_names_parse_in_any_case_and_a_bad_one_names_the_valid_ones() {
        assertThat(Outcome.fromWire(" False-Alarm ")).isEqualTo(Outcome.FALSE_ALARM);
        assertThat(FalseAlarmReason.fromWire("RESTING-FACE")).isEqualTo(FalseAlarmReason.RESTING_FACE);
        for (Outcome o : Outcome.values()) assertThat(Outcome.fromWire(o.wire())).isEqualTo(o);
        for (FalseAlarmReason r : FalseAlarmReason.values()) assertThat(FalseAlarmReason.fromWire(r.wire())).isEqualTo(r);
        assertThatThrownBy(() -> FalseAlarmReason.fromWire(null))
                .hasMessage("unknown false-alarm reason 'null' (one of: resting-face, talking-eating, pain-or-effort, not-the-patient, poor-light)");
        assertThatThrownBy(() -> Outcome.fromWire("resting-face"))
                .hasMessage("unknown outcome 'resting-face' (one of: confirmed, false-alarm, not-checked)");
    }

    @Test
    void a_database_from_before_feedback_opens_and_gains_the_columns(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            // the alerts table as Vigil created it before nurse feedback
            s.execute("""
                    CREATE TABLE alerts(
                      id TEXT PRIMARY KEY, bed TEXT NOT NULL, kind TEXT NOT NULL, rule_id TEXT NOT NULL,
                      priority TEXT NOT NULL, state TEXT NOT NULL, raised_t REAL NOT NULL, raised_at INTEGER NOT NULL,
                      escalation_level INTEGER NOT NULL, recipient TEXT, latched INTEGER NOT NULL,
                      condition_active INTEGER NOT NULL, acked_by TEXT, acked_at INTEGER, resolved_by TEXT,
                      resolved_at INTEGER, message TEXT, emotions TEXT)""");
            s.execute("INSERT INTO alerts VALUES ('old-1','bed-1','distress','distress','MEDIUM','RESOLVED',1,1000,0,'ward',0,0,"
                    + "NULL,NULL,'system',2000,'old','{}')");
        }
        try (AlertManager m = new AlertManager(new AlertStore(db), CLOCK)) {
            assertThat(m.endedUnseen()).as("old rows are not flagged after the fact").isEmpty();
            assertThat(m.store().alert("old-1")).isPresent();
            m.store().recordOutcome(new AlertFeedback("old-1", Outcome.CONFIRMED, null, "Ann", CLOCK.instant()));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA table_info(alerts)")) {
            Set<String> cols = new HashSet<>();
            while (rs.next()) cols.add(rs.getString("name"));
            assertThat(cols).contains("unseen", "outcome", "outcome_reason", "outcome_by", "outcome_at");
        }
        try (AlertStore s = new AlertStore(db)) { // and opens again (the migration runs once)
            assertThat(s.outcome("old-1").orElseThrow().outcome()).isEqualTo(Outcome.CONFIRMED);
        }
    }
}
