package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.AlertStore;
import org.vigil.alerts.Outcome;
import org.vigil.alerts.ScoreHistory;
import org.vigil.alerts.ScoreRecorder;
import org.vigil.alerts.ScoreSample;
import org.vigil.rules.BedOverride;
import org.vigil.rules.BedOverrideWriter;
import org.vigil.rules.ConfigException;
import org.vigil.rules.ConfigLoader;
import org.vigil.rules.OverrideSuggester;
import org.vigil.rules.RuleSet;
import org.vigil.testing.Cli;
import org.vigil.testing.StepClock;

/**
 * Issue 15's suggestions, on real parts: a running {@link AlertSystem} records a bed's scores into its
 * SQLite file while resting-face alerts (just over the start threshold, short) and real distress (high,
 * long) are raised and answered by a nurse; after a restart the suggester replays the recording, and
 * applying its suggestion rewrites the real rules file that a running engine then follows.
 */
class OverrideSuggestionTest {
    private static final String BED = "bed-1";
    private static final String RULES = """
            version: 1
            # test rules: comments must survive an applied suggestion
            rules:
              - id: distress
                emotions: [angry, sad]
                combine: sum
                start: 0.6     # an episode starts here
                end: 0.5
                persist: 6s
                clear_after: 2s
                grace: 5s
                priority: medium
                cooldown: 10s
            frequent:
              enabled: false
            beds: {}
              # bed-9:
              #   baseline: {enabled: true}
            """;
    /** Resting face: just over the start threshold, a few seconds longer than persist. */
    private static final double FALSE_P = 0.66, FALSE_S = 9;

    @TempDir Path dir;

    /** The bed, its scores as sad against neutral. */
    private static RecordedBed bed(AlertSystem sys, StepClock clock, double t0) {
        return new RecordedBed(sys, clock, BED, t0, 0.05, p -> Map.of("sad", p, "neutral", 1 - p));
    }

    private Path config() throws Exception {
        Path c = dir.resolve("alerts-config");
        Files.createDirectories(c);
        Files.writeString(c.resolve("rules.yaml"), RULES);
        return c;
    }

    /** 4 resting-face false alarms and 2 confirmed distress alerts, answered, recorded by a running system; returns the clock. */
    private StepClock record(Path config, Path db, boolean confirmedLookFalse) throws Exception {
        StepClock clock = new StepClock(Instant.now().minus(Duration.ofHours(2)));
        try (AlertSystem sys = AlertSystem.open(config, db, clock)) {
            RecordedBed b = bed(sys, clock, 100);
            double cp = confirmedLookFalse ? FALSE_P : 0.9, cs = confirmedLookFalse ? FALSE_S : 30;
            b.calm(30).distress(FALSE_S, FALSE_P).calm(30).answer(Outcome.FALSE_ALARM)
                    .distress(cs, cp).calm(30).answer(Outcome.CONFIRMED)
                    .distress(FALSE_S, FALSE_P).calm(30).answer(Outcome.FALSE_ALARM)
                    .distress(FALSE_S, FALSE_P).calm(30).answer(Outcome.FALSE_ALARM)
                    .distress(cs, confirmedLookFalse ? cp : 0.85).calm(30).answer(Outcome.CONFIRMED)
                    .distress(FALSE_S, FALSE_P).calm(30).answer(Outcome.FALSE_ALARM);
            assertThat(b.raised).as("every episode raised one alert live").hasSize(6);
        }
        return clock;
    }

    @Test
    void suggestionRemovesTheRecordedFalseAlarmsAndKeepsTheConfirmedOnesAfterARestart() throws Exception {
        Path config = config(), db = dir.resolve("alerts.db");
        StepClock clock = record(config, db, false);
        RuleSet rs = ConfigLoader.loadDirectory(config);
        try (AlertStore store = new AlertStore(db); ScoreHistory history = new ScoreHistory(db)) {
            // one row per bed per second of stream time at most (the script ran ~340 s at 5 observations a second)
            assertThat(history.count()).isBetween(300L, 360L);
            List<OverrideSuggester.Suggestion> all = OverrideSuggester.suggest(rs, store, history, null, clock.instant());
            assertThat(all).hasSize(1);
            OverrideSuggester.Suggestion s = all.get(0);
            assertThat(s.bed()).isEqualTo(BED);
            assertThat(s.judged()).isEqualTo(6);
            assertThat(s.falseAlarms()).isEqualTo(4);
            assertThat(s.falseReplayed()).as("the current settings raise the false alarms again on the recording").isEqualTo(4);
            assertThat(s.confirmedReplayed()).isEqualTo(2);
            assertThat(s.actionable()).as(s.summary()).isTrue();
            assertThat(s.best().falseRemoved()).isEqualTo(4);
            assertThat(s.best().confirmedKept()).isEqualTo(2);
            assertThat(s.summary()).contains("removes 4 of 4 false alarms and still raises 2 of 2 confirmed");
            // a start just 0.01 under the resting-face score removes nothing: the replay tells candidates apart
            assertThat(s.candidates()).filteredOn(c -> c.change().equals("start 0.60 -> 0.65")).singleElement()
                    .satisfies(c -> assertThat(c.falseRemoved()).isZero());
            // the suggested override, replayed on its own rule set, is a rule change for this bed only
            assertThat(s.best().override().bed()).isEqualTo(BED);
        }
    }

    @Test
    void saysSoWhenNoCandidateSeparatesFalseFromConfirmed() throws Exception {
        Path config = config(), db = dir.resolve("alerts.db");
        StepClock clock = record(config, db, true);
        RuleSet rs = ConfigLoader.loadDirectory(config);
        try (AlertStore store = new AlertStore(db); ScoreHistory history = new ScoreHistory(db)) {
            OverrideSuggester.Suggestion s = OverrideSuggester.suggest(rs, store, history, BED, clock.instant()).get(0);
            assertThat(s.actionable()).isFalse();
            assertThat(s.cannot()).contains("also misses a confirmed one");
            assertThat(s.summary()).startsWith(BED + ": cannot suggest an override:");
            // a bed asked for by name without answers says why there is nothing
            assertThat(OverrideSuggester.suggest(rs, store, history, "bed-7", clock.instant()).get(0).cannot())
                    .contains("no judged distress alerts");
        }
        Cli.Run run = Cli.run("alerts", "apply-suggestion", "--db", db.toString(), "--rules", config.toString(), "--bed", BED, "--by", "Alice");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("cannot suggest an override");
        assertThat(Files.readString(config.resolve("rules.yaml"))).isEqualTo(RULES);
    }

    @Test
    void applyingWritesTheFileAndTheRunningEngineFollowsIt() throws Exception {
        Path config = config(), db = dir.resolve("alerts.db");
        StepClock clock = record(config, db, false);

        Cli.Run suggest = Cli.run("alerts", "suggest", "--db", db.toString(), "--rules", config.toString(), "--json");
        assertThat(suggest.code()).as(suggest.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(suggest.out()).get(0);
        assertThat(j.get("bed").asText()).isEqualTo(BED);
        assertThat(j.get("suggestion").get("false_removed").asInt()).isEqualTo(4);
        assertThat(j.get("suggestion").get("confirmed_kept").asInt()).isEqualTo(2);

        // the "running Vigil": same folder and database, hot reload on
        try (AlertSystem sys = AlertSystem.open(config, db, clock).watchConfig()) {
            RecordedBed b = bed(sys, clock, 10_000);
            b.calm(20).distress(FALSE_S, FALSE_P).calm(20);
            assertThat(b.raised).as("before: a resting face raises").hasSize(1);

            Cli.Run apply = Cli.run("alerts", "apply-suggestion", "--db", db.toString(), "--rules", config.toString(), "--bed", BED,
                    "--by", "Alice Admin");
            assertThat(apply.code()).as(apply.err()).isZero();
            assertThat(apply.out()).contains("written to").contains("by Alice Admin").contains("beds." + BED + ".rules.distress.");
            String text = Files.readString(config.resolve("rules.yaml"));
            assertThat(text).contains("  " + BED + ":\n    rules:\n      distress:\n")
                    .contains("# test rules: comments must survive an applied suggestion")
                    .contains("start: 0.6     # an episode starts here")
                    .contains("  # bed-9:");
            assertThat(ConfigLoader.loadDirectory(config).beds()).containsKey(BED);

            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!sys.engine().rules().beds().containsKey(BED) && System.nanoTime() < deadline) Thread.sleep(100);
            assertThat(sys.engine().rules().beds()).as("hot reload picked the override up").containsKey(BED);

            b.distress(FALSE_S, FALSE_P).calm(20);
            assertThat(b.raised).as("after: the same resting face raises nothing").hasSize(1);
            b.distress(30, 0.9).calm(10);
            assertThat(b.raised).as("after: real distress still raises").hasSize(2);
        }
        try (AlertStore store = new AlertStore(db)) {
            assertThat(String.join("\n", store.configChanges())).contains("applied override suggestion for " + BED + " by Alice Admin")
                    .contains("beds." + BED + ".rules.distress.");
        }
    }

    @Test
    void anOverrideThatWouldNotValidateIsNotWritten() throws Exception {
        Path config = config();
        BedOverride bad = new BedOverride(BED, "distress", Map.of("start", 0.4), false); // below end 0.5
        assertThatThrownBy(() -> BedOverrideWriter.apply(config, bad, "Alice", null, Instant.now()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("end 0.5 is above start 0.4");
        assertThat(Files.readString(config.resolve("rules.yaml"))).isEqualTo(RULES);
    }

    @Test
    void anOverrideMergesIntoTheBedsExistingSettingsAndLeavesTheRestOfTheFile() throws Exception {
        Path c = Files.createDirectories(dir.resolve("cfg"));
        String text = RULES.replace("beds: {}\n  # bed-9:\n  #   baseline: {enabled: true}\n", "")
                + "beds:\n  bed-1: {baseline: {enabled: true, calibration: 2m}}   # learned face\n  bed-2:\n    rules:\n      distress: {end: 0.4}\n"
                + "# night shift below\nshifts:\n  - {name: night, from: \"22:00\", to: \"07:00\", rules: {distress: {persist: 40s}}}\n";
        Files.writeString(c.resolve("rules.yaml"), text);
        Files.writeString(c.resolve("integrations.yaml"), "# not rules: never touched\n");
        BedOverrideWriter.Applied a = BedOverrideWriter.apply(c, new BedOverride(BED, "distress", Map.of("start", 0.7, "persist", 12.0), false),
                "Alice", null, Instant.now());
        assertThat(a.file()).isEqualTo(c.resolve("rules.yaml"));
        assertThat(a.diff()).containsExactlyInAnyOrder("+ beds.bed-1.rules.distress.start = 0.7", "+ beds.bed-1.rules.distress.persist = 12s");
        RuleSet rs = ConfigLoader.loadDirectory(c);
        assertThat(rs.baselineFor(BED).enabled()).isTrue();
        assertThat(rs.baselineFor(BED).calibration()).isEqualTo(120);
        assertThat(rs.effectiveRules(BED, java.time.LocalTime.NOON).get(0)).satisfies(r -> {
            assertThat(r.start()).isEqualTo(0.7);
            assertThat(r.persist()).isEqualTo(12);
        });
        assertThat(rs.effectiveRules("bed-2", java.time.LocalTime.NOON).get(0).end()).isEqualTo(0.4);
        assertThat(rs.shifts()).singleElement().satisfies(sh -> assertThat(sh.name()).isEqualTo("night"));
        String after = Files.readString(c.resolve("rules.yaml"));
        assertThat(after).startsWith(text.substring(0, text.indexOf("beds:"))).contains("# night shift below\nshifts:\n");
        assertThat(Files.readString(c.resolve("integrations.yaml"))).isEqualTo("# not rules: never touched\n");
    }

    @Test
    void scoreHistoryIsThinnedAndPrunedToItsDays() throws Exception {
        Path config = config(), db = dir.resolve("alerts.db");
        Files.writeString(config.resolve("storage.yaml"), "storage:\n  keep_score_history_days: 3\n");
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        try (ScoreHistory h = new ScoreHistory(db)) {
            for (int days : new int[] {10, 4, 1}) {
                h.append(List.of(new ScoreSample(BED, now.minus(Duration.ofDays(days)), 5, "ok", Map.of("sad", 0.1))));
            }
        }
        // a restart prunes before monitoring starts
        try (AlertSystem sys = AlertSystem.open(config, db, new StepClock(now))) {
            assertThat(sys.engine().rules().storage().keepScoreHistoryDays()).isEqualTo(3);
        }
        try (ScoreHistory h = new ScoreHistory(db)) {
            assertThat(h.samples(BED, Instant.EPOCH, now)).extracting(ScoreSample::at).containsExactly(now.minus(Duration.ofDays(1)));
            // at most one sample per bed per second of stream time; another bed and a stream restart count apart
            ScoreRecorder rec = new ScoreRecorder(h, 1, 50);
            for (int i = 0; i < 50; i++) rec.offer(BED, now.plusMillis(100L * i), 100 + 0.1 * i, "ok", Map.of("sad", 0.2));
            rec.offer("bed-2", now, 100, "no-face", Map.of());
            rec.offer(BED, now.plusSeconds(6), 1, "ok", Map.of("sad", 0.3));
            rec.close();
        }
        try (ScoreHistory h = new ScoreHistory(db)) {
            assertThat(h.samples(BED, now, now.plusSeconds(60))).hasSize(6);
            assertThat(h.samples("bed-2", now, now.plusSeconds(60))).singleElement()
                    .satisfies(s -> assertThat(s.assessability()).isEqualTo("no-face"));
        }
    }
}
