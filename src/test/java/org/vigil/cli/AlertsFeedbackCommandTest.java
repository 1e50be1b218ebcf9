package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.testing.Cli;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertStore;
import org.vigil.alerts.FalseAlarmReason;
import org.vigil.alerts.Outcome;
import org.vigil.testing.StepClock;

/**
 * A scripted day of a two-bed ward written through the real manager into a real SQLite file; then
 * {@code alerts stats --json} must give the figures computed by hand below, and {@code alerts resolve}
 * records an answer for an alert that ended unseen (and refuses an open one).
 */
class AlertsFeedbackCommandTest {
    /** The scripted day's wall clock at {@code hhmmss}. */
    static StepClock at(StepClock c, String hhmmss) {
        return c.set(Instant.parse("2026-11-22T" + hhmmss + "Z"));
    }

    /** {@code ./run.sh alerts ARGS}, in this JVM. */
    static Cli.Run alerts(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "alerts";
        System.arraycopy(args, 0, all, 1, args.length);
        return Cli.run(all);
    }

    /**
     * The day (UTC; night shift 22:00-07:00):
     * 1 bed-1 08:00 acked 08:01 (60 s), resolved: confirmed
     * 2 bed-1 09:00 acked 09:02 (120 s), resolved: false alarm, resting face
     * 3 bed-1 23:00 (night) ended by itself 23:00:30, never seen
     * 4 bed-2 10:00 acked 10:00:30 (30 s), resolved: not checked
     * 5 bed-2 02:00 (night) ended by itself 02:01, seen 02:10 (600 s) with: false alarm, talking/eating
     * 6 bed-2 10:05 frequent-distress, acked 10:06 (60 s), resolved: confirmed
     * 7 bed-1 12:00 camera offline (technical: not in these figures)
     */
    static String[] history(Path db) throws Exception {
        StepClock c = new StepClock(Instant.parse("2026-11-22T00:00:00Z"));
        String[] id = new String[8];
        try (AlertManager m = new AlertManager(new AlertStore(db), c)) {
            id[1] = raise(m, at(c, "08:00:00"), "bed-1", AlertKind.DISTRESS, "distress");
            ackAndResolve(m, c, id[1], "08:01:00", Outcome.CONFIRMED, null);
            id[2] = raise(m, at(c, "09:00:00"), "bed-1", AlertKind.DISTRESS, "distress");
            ackAndResolve(m, c, id[2], "09:02:00", Outcome.FALSE_ALARM, FalseAlarmReason.RESTING_FACE);
            id[4] = raise(m, at(c, "10:00:00"), "bed-2", AlertKind.DISTRESS, "distress");
            ackAndResolve(m, c, id[4], "10:00:30", Outcome.NOT_CHECKED, null);
            id[6] = raise(m, at(c, "10:05:00"), "bed-2", AlertKind.FREQUENT_DISTRESS, "frequent");
            ackAndResolve(m, c, id[6], "10:06:00", Outcome.CONFIRMED, null);
            id[7] = raise(m, at(c, "12:00:00"), "bed-1", AlertKind.CAMERA_OFFLINE, "technical");
            m.conditionEnded(id[7], 30, "camera back");
            id[3] = raise(m, at(c, "23:00:00"), "bed-1", AlertKind.DISTRESS, "distress");
            at(c, "23:00:30");
            m.conditionEnded(id[3], 30, "condition ended");
            id[5] = raise(m, at(c, "02:00:00"), "bed-2", AlertKind.DISTRESS, "distress");
            at(c, "02:01:00");
            m.conditionEnded(id[5], 60, "condition ended");
            at(c, "02:10:00");
            m.resolve(id[5], "Bo", Outcome.FALSE_ALARM, FalseAlarmReason.TALKING_EATING).orElseThrow();
        }
        return id;
    }

    static String raise(AlertManager m, Clock c, String bed, AlertKind kind, String rule) {
        return m.raise(bed, kind, rule, AlertPriority.MEDIUM, 0, Map.of("sad", 0.8), "scripted", kind == AlertKind.FREQUENT_DISTRESS)
                .orElseThrow().alertId();
    }

    static void ackAndResolve(AlertManager m, StepClock c, String id, String ackAt, Outcome o, FalseAlarmReason r) {
        at(c, ackAt);
        m.acknowledge(id, "Ann").orElseThrow();
        m.resolve(id, "Ann", o, r).orElseThrow();
    }

    static Path rules(Path dir) throws Exception {
        Path cfg = Files.createDirectories(dir.resolve("alerts-config"));
        Files.writeString(cfg.resolve("rules.yaml"), """
                version: 1
                zone: UTC
                rules:
                  - {id: distress, emotions: [angry, sad], start: 0.6, end: 0.45, persist: 10}
                shifts:
                  - {name: night, from: "22:00", to: "07:00", rules: {distress: {persist: 20}}}
                """);
        return cfg;
    }

    static void expect(JsonNode row, int alerts, double bedHours, int confirmed, int falseAlarms, int notChecked, int noAnswer,
                       Double confShare, Double falseShare, int endedUnseen, int stillUnseen, int acked, Double ackMedian) {
        String k = row.get("key").asText();
        assertThat(row.get("alerts").asInt()).as(k + " alerts").isEqualTo(alerts);
        assertThat(row.get("bedHours").asDouble()).as(k + " bed-hours").isCloseTo(bedHours, within(1e-9));
        assertThat(row.get("alertsPerBedHour").asDouble()).as(k + " per bed-hour").isCloseTo(alerts / bedHours, within(1e-9));
        assertThat(row.get("confirmed").asInt()).as(k + " confirmed").isEqualTo(confirmed);
        assertThat(row.get("falseAlarms").asInt()).as(k + " false").isEqualTo(falseAlarms);
        assertThat(row.get("notChecked").asInt()).as(k + " not checked").isEqualTo(notChecked);
        assertThat(row.get("noAnswer").asInt()).as(k + " no answer").isEqualTo(noAnswer);
        share(row.get("confirmedShare"), confShare, k + " confirmed share");
        share(row.get("falseShare"), falseShare, k + " false share");
        assertThat(row.get("endedUnseen").asInt()).as(k + " ended unseen").isEqualTo(endedUnseen);
        assertThat(row.get("stillUnseen").asInt()).as(k + " still unseen").isEqualTo(stillUnseen);
        assertThat(row.get("acknowledged").asInt()).as(k + " acknowledged").isEqualTo(acked);
        share(row.get("ackMedianSeconds"), ackMedian, k + " ack median");
    }

    static void share(JsonNode v, Double expected, String what) {
        if (expected == null) assertThat(v.isNull()).as(what).isTrue();
        else assertThat(v.asDouble()).as(what).isCloseTo(expected, within(1e-9));
    }

    @Test
    void stats_on_a_scripted_day_equal_the_hand_computed_figures(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("alerts.db");
        history(db);
        Cli.Run r = alerts("stats", "--db", db.toString(), "--rules", rules(dir).toString(), "--json",
                "--from", "2026-11-22T00:00:00Z", "--to", "2026-11-23T00:00:00Z");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("beds").asInt()).isEqualTo(2);
        // ward: 6 clinical alerts over 2 beds x 24 h; judged 4 (2 confirmed, 2 false); acks 30,60,60,120,600 -> median 60
        expect(j.get("ward"), 6, 48, 2, 2, 1, 1, 0.5, 0.5, 2, 1, 5, 60.0);
        JsonNode bed1 = j.get("perBed").get(0), bed2 = j.get("perBed").get(1);
        assertThat(bed1.get("key").asText()).isEqualTo("bed-1");
        expect(bed1, 3, 24, 1, 1, 0, 1, 0.5, 0.5, 1, 1, 2, 60.0);
        expect(bed2, 3, 24, 1, 1, 1, 0, 0.5, 0.5, 1, 0, 3, 60.0);
        assertThat(bed2.get("falseReasons").get("talking-eating").asInt()).isEqualTo(1);
        // bed-1 by shift: night 9 h (00-07, 22-24) with alert 3; rest of day 15 h with alerts 1 and 2
        expect(bed1.get("byShift").get(0), 1, 9, 0, 0, 0, 1, null, null, 1, 1, 0, null);
        expect(bed1.get("byShift").get(1), 2, 15, 1, 1, 0, 0, 0.5, 0.5, 0, 0, 2, 60.0);
        JsonNode distress = j.get("perRule").get(0), frequent = j.get("perRule").get(1);
        assertThat(distress.get("key").asText()).isEqualTo("distress");
        expect(distress, 5, 48, 1, 2, 1, 1, 1 / 3.0, 2 / 3.0, 2, 1, 4, 60.0); // acks 30,60,120,600 -> nearest rank 2
        expect(frequent, 1, 48, 1, 0, 0, 0, 1.0, 0.0, 0, 0, 1, 60.0);
        JsonNode night = j.get("perShift").get(0), rest = j.get("perShift").get(1);
        assertThat(night.get("key").asText()).isEqualTo("night");
        assertThat(rest.get("key").asText()).isEqualTo("rest of day");
        expect(night, 2, 18, 0, 1, 0, 1, 0.0, 1.0, 2, 1, 1, 600.0);
        expect(rest, 4, 30, 2, 1, 1, 0, 2 / 3.0, 1 / 3.0, 0, 0, 4, 60.0); // acks 30,60,60,120

        Cli.Run text = alerts("stats", "--db", db.toString(), "--rules", rules(dir).toString(),
                "--from", "2026-11-22T00:00:00Z", "--to", "2026-11-23T00:00:00Z");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("Nurse feedback").contains("per bed").contains("per shift").contains("rest of day");

        // the export carries the answers too: one row per alert, outcome columns empty when nobody answered
        Cli.Run export = alerts("export", "--db", db.toString(), "--rows", "alerts", "--format", "JSON",
                "--from", "2026-11-22T00:00:00Z", "--to", "2026-11-23T00:00:00Z");
        assertThat(export.code()).as(export.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(export.out());
        assertThat(rows).hasSize(7); // the 6 clinical alerts and one technical (camera offline)
        java.util.List<String> outcomes = new java.util.ArrayList<>();
        rows.forEach(n -> outcomes.add(n.get("outcome").asText() + "/" + n.get("outcome_reason").asText()));
        assertThat(outcomes).containsExactlyInAnyOrder("confirmed/null", "false-alarm/resting-face", "null/null",
                "not-checked/null", "false-alarm/talking-eating", "confirmed/null", "null/null");
    }

    @Test
    void resolve_records_an_answer_for_an_ended_alert_and_refuses_open_ones(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("alerts.db");
        String[] id = history(db);
        Cli.Run open = alerts("open", "--db", db.toString());
        assertThat(open.out()).contains(id[3]).contains("ended — not yet seen");

        Cli.Run ok = alerts("resolve", id[3], "--db", db.toString(), "--outcome", "false-alarm", "--reason", "poor-light", "--by", "Cy");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("false alarm (poor light)").contains("now seen");
        try (AlertStore s = new AlertStore(db)) {
            assertThat(s.outcome(id[3]).orElseThrow().by()).isEqualTo("Cy");
            assertThat(s.endedUnseen()).isEmpty();
            assertThat(s.alert(id[3]).orElseThrow().ackedBy()).isEqualTo("Cy");
        }
        Cli.Run outcomes = alerts("outcomes", "--db", db.toString(), "--bed", "bed-1");
        assertThat(outcomes.out().lines()).hasSize(3).last().asString().contains("poor light").contains("by Cy");

        Cli.Run bad = alerts("resolve", id[3], "--db", db.toString(), "--outcome", "maybe", "--by", "Cy");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown outcome 'maybe'").contains("confirmed, false-alarm, not-checked");
        Cli.Run reason = alerts("resolve", id[3], "--db", db.toString(), "--outcome", "confirmed", "--reason", "poor-light", "--by", "Cy");
        assertThat(reason.code()).isEqualTo(2);
        assertThat(reason.err()).contains("only with a false alarm");
        Cli.Run none = alerts("resolve", "no-such-id", "--db", db.toString(), "--outcome", "confirmed", "--by", "Cy");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("no alert 'no-such-id'");

        String live;
        try (AlertManager m = new AlertManager(new AlertStore(db), Clock.systemUTC())) {
            live = m.raise("bed-3", AlertKind.DISTRESS, "distress", AlertPriority.MEDIUM, 0, Map.of(), "x", false).orElseThrow().alertId();
        }
        Cli.Run refused = alerts("resolve", live, "--db", db.toString(), "--outcome", "confirmed", "--by", "Cy");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("still open").contains("dashboard");
    }
}
