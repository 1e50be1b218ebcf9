package org.vigil.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.testing.Cli;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.app.AlertSystem;
import org.vigil.testing.StepClock;

/** The durable history: what the store keeps, exports (CSV/JSON, by bed and range) and statistics, and the CLI over it. */
class AlertHistoryTest {

    /** Two days, two beds: bed-1 acked after 30 s and 90 s, bed-2 one unacknowledged alert with a comma in its message. */
    static Path history(Path dir) {
        Path db = dir.resolve("alerts.db");
        StepClock clock = new StepClock(Instant.parse("2026-11-20T10:00:00Z"));
        try (AlertManager m = new AlertManager(new AlertStore(db), clock)) {
            String a = m.raise("bed-1", AlertKind.DISTRESS, "distress", AlertPriority.MEDIUM, 100, Map.of("sad", 0.8), "sad 0.80", false).orElseThrow().alertId();
            clock.step(Duration.ofSeconds(30));
            m.acknowledge(a, "nurse.kim");
            m.conditionEnded(a, 160, "condition ended");
            clock.step(Duration.ofDays(1));
            String b = m.raise("bed-1", AlertKind.DISTRESS, "distress", AlertPriority.HIGH, 50, Map.of("angry", 0.9), "angry 0.90", false).orElseThrow().alertId();
            clock.step(Duration.ofSeconds(90));
            m.acknowledge(b, "nurse.lee");
            m.raise("bed-2", AlertKind.NOT_VISIBLE, "technical", AlertPriority.MEDIUM, 20, Map.of(), "=no face, turned", false);
        }
        return db;
    }

    @Test
    void storeReturnsHistoryByBedAndRangeAndStatsSummariseIt(@TempDir Path dir) throws Exception {
        Path db = history(dir);
        try (AlertStore s = new AlertStore(db)) {
            List<AlertEvent> all = s.events(null, Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z"));
            assertThat(all).extracting(AlertEvent::transition).containsExactly(AlertTransition.RAISED, AlertTransition.ACKNOWLEDGED,
                    AlertTransition.RESOLVED, AlertTransition.RAISED, AlertTransition.ACKNOWLEDGED, AlertTransition.RAISED);
            assertThat(s.events("bed-2", Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z"))).hasSize(1);
            assertThat(s.events(null, Instant.parse("2026-11-21T00:00:00Z"), Instant.parse("2026-11-22T00:00:00Z"))).hasSize(3);
            assertThat(s.openAlerts()).hasSize(2);
            List<Alert> alerts = s.alerts(null, Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z"));
            assertThat(AlertStats.perBedPerDay(alerts, ZoneOffset.UTC)).extracting(d -> d.bed() + " " + d.day() + " " + d.total())
                    .containsExactly("bed-1 2026-11-20 1", "bed-1 2026-11-21 1", "bed-2 2026-11-21 1");
            assertThat(AlertStats.acknowledgementTimes(alerts)).satisfiesExactly(
                    b1 -> {
                        assertThat(b1.acknowledged()).isEqualTo(2);
                        assertThat(b1.median()).isEqualTo(30.0);
                        assertThat(b1.max()).isEqualTo(90.0);
                    },
                    b2 -> {
                        assertThat(b2.acknowledged()).isZero();
                        assertThat(b2.median()).isNaN();
                    });
        }
    }

    static String run(String... args) {
        Cli.Run r = Cli.run(args);
        assertThat(r.code()).as("exit code of %s: %s", String.join(" ", args), r.err()).isZero();
        return r.out();
    }

    @Test
    void cliValidatePrintsEveryErrorWithFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path cfg = Files.createDirectories(dir.resolve("cfg"));
        Files.writeString(cfg.resolve("rules.yaml"), "rules:\n  - id: distress\n    start: 0.6\n    end: 0.7\n    priority: urgent\n");
        Cli.Run r = Cli.run("alerts", "validate", cfg.toString());
        int code = r.code();
        assertThat(code).isEqualTo(1);
        Path f = cfg.resolve("rules.yaml");
        assertThat(r.out().lines()).containsExactly(
                f + ":4:10: end 0.7 is above start 0.6 (the end threshold must be at or below the start threshold: that gap is the hysteresis)",
                f + ":5:15: 'priority' must be one of low, medium, high, got 'urgent'");
        assertThat(run("alerts", "validate", "alerts-config")).startsWith("alerts-config: OK, 1 rule(s) (distress)");
    }

    @Test
    void configChangesAreAuditedAndOpenAlertsListed(@TempDir Path dir) throws Exception {
        Path cfg = Files.createDirectories(dir.resolve("cfg"));
        Path f = cfg.resolve("rules.yaml");
        Files.writeString(f, "rules:\n  - {id: distress, start: 0.6}\n");
        Path db = dir.resolve("a.db");
        try (AlertSystem sys = AlertSystem.open(cfg, db, Clock.systemUTC())) {
            Files.writeString(f, "rules:\n  - {id: distress, start: 0.7}\n");
            assertThat(sys.config().checkNow().ok()).isTrue();
            Files.writeString(f, "rules:\n  - {id: distress, start: 7}\n");
            assertThat(sys.config().checkNow().ok()).isFalse();
            for (int i = 0; i <= 40; i++) {
                sys.engine().observe(new org.vigil.rules.Observation("bed-9", i, org.vigil.rules.Assessability.OK, Map.of("sad", 0.9), 1));
            }
        }
        String log = run("alerts", "config-log", "--db", db.toString());
        assertThat(log).containsSubsequence("applied " + cfg, "~ rules[distress].start: 0.6 -> 0.7",
                "rejected " + cfg, f + ":2:27: 'start' is a probability and must be between 0 and 1, got 7");
        assertThat(run("alerts", "open", "--db", db.toString())).contains("bed-9").contains("distress").contains("raised");
    }

    @Test
    void cliExportsCsvAndJsonAndPrintsStats(@TempDir Path dir) throws Exception {
        Path db = history(dir);
        String csv = run("alerts", "export", "--db", db.toString(), "--bed", "bed-2", "--format", "csv");
        assertThat(csv.split("\r\n")).hasSize(2);
        assertThat(csv).startsWith("at,t,bed,alert_id,kind,rule,priority,transition,actor,message,emotions\r\n")
                .contains(",bed-2,").contains(",not-visible,technical,medium,raised,system,\"'=no face, turned\",");
        // a spreadsheet (or any RFC 4180 reader) gets the message back whole, comma included
        var rows = new com.fasterxml.jackson.dataformat.csv.CsvMapper().readerFor(java.util.Map.class)
                .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader()).readValues(csv).readAll();
        assertThat(rows).singleElement().satisfies(r -> assertThat(((java.util.Map<?, ?>) r).get("message")).isEqualTo("'=no face, turned"));
        Path out = dir.resolve("h.json");
        run("alerts", "export", "--db", db.toString(), "--from", "2026-11-21T00:00:00Z", "--to", "2026-11-22T00:00:00Z",
                "--format", "json", "--out", out.toString());
        JsonNode json = new ObjectMapper().readTree(Files.readString(out));
        assertThat(json).hasSize(3);
        assertThat(json.get(1).get("transition").asText()).isEqualTo("acknowledged");
        assertThat(json.get(1).get("actor").asText()).isEqualTo("nurse.lee");
        String alerts = run("alerts", "export", "--db", db.toString(), "--rows", "alerts", "--format", "json");
        assertThat(new ObjectMapper().readTree(alerts)).extracting(n -> n.get("ack_seconds").asText()).containsExactly("30.0", "90.0", "null");
        String stats = run("alerts", "stats", "--db", db.toString());
        assertThat(stats).containsPattern("bed-1\\s+2\\s+2\\s+30\\.0\\s+90\\.0\\s+90\\.0").containsPattern("bed-2\\s+1\\s+0\\s+-");
    }
}
