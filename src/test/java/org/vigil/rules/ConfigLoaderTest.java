package org.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.AlertPriority;

class ConfigLoaderTest {
    static List<ConfigError> errors(String yaml) {
        ConfigException e = catchThrowableOfType(() -> ConfigLoader.parse("rules.yaml", yaml), ConfigException.class);
        assertThat(e).as("expected the config to be rejected").isNotNull();
        return e.errors();
    }

    @Test
    void readsEveryFieldWithUnitsAndDefaults() throws Exception {
        RuleSet rs = ConfigLoader.parse("r.yaml", """
                version: 1
                zone: Europe/Berlin
                rules:
                  - id: distress
                    emotions: [Angry, sad]
                    combine: max
                    start: 0.7
                    persist: 1.5m
                    within: 2m
                    priority: HIGH
                    escalation:
                      - {after: 90s, to: charge-nurse, priority: high}
                  - id: sad-only
                    emotions: [sad]
                    start: 0.8
                    end: 0.6
                technical: {camera_offline_after: 30s}
                """);
        DistressRuleConfig d = rs.rules().get(0);
        assertThat(d.emotions()).containsExactly("angry", "sad");
        assertThat(d.combine()).isEqualTo(Combine.MAX);
        assertThat(d.persist()).isEqualTo(90.0);
        assertThat(d.within()).isEqualTo(120.0);
        assertThat(d.end()).isCloseTo(0.55, org.assertj.core.data.Offset.offset(1e-9)); // default: start - 0.15
        assertThat(d.priority()).isEqualTo(AlertPriority.HIGH);
        assertThat(d.escalation()).containsExactly(new EscalationStep(90, "charge-nurse", AlertPriority.HIGH));
        assertThat(rs.technical().cameraOfflineAfter()).isEqualTo(30.0);
        assertThat(rs.technical().notVisibleAfter()).isEqualTo(TechnicalConfig.DEFAULT.notVisibleAfter());
        assertThat(rs.zone().getId()).isEqualTo("Europe/Berlin");
    }

    @Test
    void everyErrorHasFileLineAndColumn() {
        List<ConfigError> errs = errors("""
                version: 1
                rules:
                  - id: distress
                    emotions: [angry, sadd]
                    start: 1.4
                    persit: 20
                    priority: urgent
                """);
        assertThat(errs).extracting(ConfigError::toString).containsExactlyInAnyOrder(
                "rules.yaml:4:23: 'sadd' is not a known emotion (known: angry, disgust, fear, happy, neutral, relaxed, sad, surprise)",
                "rules.yaml:5:12: 'start' is a probability and must be between 0 and 1, got 1.4",
                "rules.yaml:6:5: unknown key 'persit' in a rule (expected one of: clear_after, combine, cooldown, description, emotions, enabled, end, escalation, grace, id, kind, latched, persist, priority, reraise_after, start, within); did you mean 'persist'?",
                "rules.yaml:7:15: 'priority' must be one of low, medium, high, got 'urgent'");
    }

    @Test
    void crossFieldChecksPointAtTheField() {
        assertThat(errors("""
                rules:
                  - id: distress
                    start: 0.5
                    end: 0.6
                """)).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.column()).isEqualTo(10);
            assertThat(e.message()).contains("end 0.6 is above start 0.5");
        });
        assertThat(errors("""
                rules:
                  - {id: d, start: 0.6, persist: 30, within: 20}
                """)).singleElement().satisfies(e -> assertThat(e.toString()).startsWith("rules.yaml:2:46: within 20.0 s is shorter"));
        // a bed override that breaks hysteresis for that bed only is caught too
        assertThat(errors("""
                rules:
                  - {id: distress, start: 0.6, end: 0.45}
                beds:
                  bed-3:
                    rules:
                      distress: {start: 0.4}
                  bed-4: {rules: {distres: {start: 0.7}}}
                """)).extracting(ConfigError::toString).containsExactly(
                "rules.yaml:6:17: end 0.45 is above start 0.4 (the end threshold must be at or below the start threshold: that gap is the hysteresis)",
                "rules.yaml:7:19: override for unknown rule 'distres' (rules: distress)");
    }

    @Test
    void syntaxErrorsDuplicatesAndMissingPiecesAreLocated() {
        assertThat(errors("rules:\n  - id: a\n    start: [0.5\n")).singleElement()
                .satisfies(e -> {
                    assertThat(e.message()).startsWith("YAML syntax:");
                    assertThat(e.line()).isEqualTo(4);
                });
        assertThat(errors("rules:\n  - id: a\n    start: 0.5\n    start: 0.6\n")).singleElement()
                .hasToString("rules.yaml:4:5: duplicate key 'start' (first at rules.yaml:3:5)");
        assertThat(errors("rules:\n  - id: a\n    start: 0.5\n  - id: a\n    start: 0.6\n")).singleElement()
                .hasToString("rules.yaml:4:9: duplicate rule id 'a' (first defined at rules.yaml:2:9)");
        assertThat(errors("rules:\n  - emotions: [sad]\n")).extracting(ConfigError::toString).containsExactly(
                "rules.yaml:2:5: a rule needs 'id': short unique name of the rule (letters, digits, _ - .), e.g. distress",
                "rules.yaml:2:5: a rule needs 'start': the score must reach this to start an episode (0..1)");
        assertThat(errors("version: 1\n")).singleElement().satisfies(e -> assertThat(e.message()).startsWith("no rules defined"));
        assertThat(errors("shifts:\n  - {name: night, from: '25:00', to: '07:00'}\nrules:\n  - {id: a, start: 0.5}\n"))
                .singleElement().hasToString("rules.yaml:2:25: 'from' must be a time of day such as \"22:00\" (quote it), got '25:00'");
    }

    @Test
    void aFolderIsOneConfigurationAndErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("10-rules.yaml"), "rules:\n  - {id: distress, start: 0.6}\n");
        Files.writeString(dir.resolve("20-beds.yaml"), "beds:\n  bed-1: {baseline: {enabled: true, calibration: 2m}}\n");
        Files.createDirectories(dir.resolve("presets"));
        Files.writeString(dir.resolve("presets/broken.yaml"), "this: is: not read");
        RuleSet rs = ConfigLoader.loadDirectory(dir);
        assertThat(rs.baselineFor("bed-1")).isEqualTo(new BaselineConfig(true, 120, true));
        assertThat(rs.baselineFor("bed-2").enabled()).isFalse();
        Files.writeString(dir.resolve("30-more.yaml"), "rules:\n  - {id: distress, start: 0.7}\n");
        assertThatThrownBy(() -> ConfigLoader.loadDirectory(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir.resolve("30-more.yaml") + ":2:10: duplicate rule id 'distress' (first defined at "
                        + dir.resolve("10-rules.yaml") + ":2:10)");
    }

    @Test
    void shiftsWrapMidnightAndBedOverridesWin() throws Exception {
        RuleSet rs = ConfigLoader.parse("r.yaml", """
                rules:
                  - {id: distress, start: 0.6, persist: 20}
                shifts:
                  - {name: night, from: "22:00", to: "07:00", rules: {distress: {persist: 40}}}
                beds:
                  bed-1: {rules: {distress: {persist: 10}}}
                """);
        assertThat(rs.effectiveRules("bed-2", LocalTime.of(23, 0)).get(0).persist()).isEqualTo(40.0);
        assertThat(rs.effectiveRules("bed-2", LocalTime.of(6, 59)).get(0).persist()).isEqualTo(40.0);
        assertThat(rs.effectiveRules("bed-2", LocalTime.of(7, 0)).get(0).persist()).isEqualTo(20.0);
        assertThat(rs.effectiveRules("bed-1", LocalTime.of(23, 0)).get(0).persist()).isEqualTo(10.0);
    }

    @Test
    void diffListsChangedAddedAndRemovedValues() throws Exception {
        RuleSet a = ConfigLoader.parse("r.yaml", "rules:\n  - {id: distress, start: 0.6, persist: 20}\n");
        RuleSet b = ConfigLoader.parse("r.yaml", "rules:\n  - {id: distress, start: 0.65, cooldown: 5m}\n");
        assertThat(a.diff(b)).containsExactly(
                "+ rules[distress].cooldown = 5m",
                "~ rules[distress].start: 0.6 -> 0.65",
                "- rules[distress].persist = 20");
        assertThat(a.diff(a)).isEmpty();
        assertThat(Map.of()).isEmpty();
    }
}
