package org.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** alerts-config/rules.schema.json as shipped: it accepts the shipped files and its errors are located. */
class RulesSchemaTest {
    static final Path CONFIG = Path.of("alerts-config");
    static final Path SCHEMA_FILE = CONFIG.resolve("rules.schema.json");

    static List<Path> shippedRuleFiles() throws Exception {
        List<Path> files = new ArrayList<>(List.of(CONFIG.resolve("rules.yaml")));
        try (Stream<Path> presets = Files.list(CONFIG.resolve("presets"))) {
            presets.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        return files;
    }

    @Test
    void shippedRulesAndEveryPresetPassTheSchemaFileItselfAndLoad() throws Exception {
        RulesSchema onDisk = RulesSchema.read(SCHEMA_FILE);
        for (Path f : shippedRuleFiles()) {
            LocatedYaml doc = LocatedYaml.read(f.toString(), Files.readString(f));
            assertThat(onDisk.check(doc)).as(f.toString()).isEmpty();
            assertThat(ConfigLoader.loadFiles(List.of(f)).rules()).as(f.toString()).isNotEmpty();
            // editors (yaml-language-server) find the schema through this first-line comment
            assertThat(Files.readAllLines(f).get(0)).as(f.toString()).isEqualTo("# yaml-language-server: $schema="
                    + f.getParent().relativize(SCHEMA_FILE).toString().replace('\\', '/'));
        }
    }

    @Test
    void theLoaderChecksWithTheSameSchemaEditorsSee() throws Exception {
        try (var in = getClass().getClassLoader().getResourceAsStream(RulesSchema.RESOURCE)) {
            assertThat(in).as("schema on the classpath").isNotNull();
            assertThat(new String(in.readAllBytes())).isEqualTo(Files.readString(SCHEMA_FILE));
        }
    }

    @Test
    void schemaNamesTheSameFieldsAndEmotionsAsTheCode() throws Exception {
        JsonNode s = new ObjectMapper().readTree(SCHEMA_FILE.toFile());
        Set<String> override = names(s.at("/$defs/ruleOverride/properties"));
        assertThat(override).isEqualTo(Set.copyOf(DistressRuleConfig.FIELDS));
        Set<String> rule = new HashSet<>(override);
        rule.addAll(List.of("id", "kind", "description"));
        assertThat(names(s.at("/$defs/rule/properties"))).isEqualTo(rule);
        Set<String> emotions = new HashSet<>();
        s.at("/$defs/emotion/examples").forEach(e -> emotions.add(e.asText()));
        assertThat(emotions).isEqualTo(ConfigLoader.KNOWN_EMOTIONS);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new HashSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void aWrongTypeIsLocated() {
        assertThat(ConfigLoaderTest.errors("""
                rules:
                  - id: distress
                    start: 0.6
                    latched: maybe
                    escalation: {after: 2m, to: nurse}
                """)).extracting(ConfigError::toString).containsExactly(
                "rules.yaml:4:14: 'latched' must be true or false, got 'maybe'",
                "rules.yaml:5:17: 'escalation' must be a list of steps, e.g. - {after: 2m, to: charge-nurse}, got a mapping");
    }

    @Test
    void anOutOfRangeNumberIsLocated() {
        assertThat(ConfigLoaderTest.errors("""
                rules:
                  - {id: distress, start: 0.6, end: -0.1, cooldown: -5}
                """)).extracting(ConfigError::toString).containsExactly(
                "rules.yaml:2:37: 'end' is a probability and must be between 0 and 1, got -0.1",
                "rules.yaml:2:53: 'cooldown' must be a duration such as 30, 30s, 2m or 1h, got -5");
    }

    @Test
    void anUnknownKeyIsLocatedWithASuggestion() {
        assertThat(ConfigLoaderTest.errors("""
                rules:
                  - {id: distress, start: 0.6}
                technical:
                  camera_offline_after: 10s
                  not_visble_after: 2m
                beds:
                  bed-3: {baselin: {enabled: true}}
                """)).extracting(ConfigError::toString).containsExactly(
                "rules.yaml:5:3: unknown key 'not_visble_after' in 'technical' (expected one of: camera_offline_after, "
                        + "not_visible_after, priority); did you mean 'not_visible_after'?",
                "rules.yaml:7:11: unknown key 'baselin' in a bed (expected one of: baseline, rules); did you mean 'baseline'?");
    }

    @Test
    void aMissingRequiredKeyIsLocated() {
        assertThat(ConfigLoaderTest.errors("""
                rules:
                  - id: distress
                    start: 0.6
                    escalation:
                      - {after: 2m, to: charge-nurse}
                      - after: 5m
                shifts:
                  - {name: night, to: "07:00"}
                """)).extracting(ConfigError::toString).containsExactly(
                "rules.yaml:6:9: an escalation step needs 'to': who is notified next, e.g. charge-nurse",
                "rules.yaml:8:5: a shift needs 'from': start time, quoted, e.g. \"22:00\" (from after to wraps past midnight)");
    }

    @Test
    void valuesOfTheWrongShapeAndDuplicatesAreLocated() {
        // what the schema cannot see (one emotion in two spellings) is reported in the same pass
        assertThat(ConfigLoaderTest.errors("""
                rules:
                  - distress
                  - {id: b, start: 0.5, emotions: [sad, Sad], priority: HIGH}
                zone: 3
                version: 2
                """)).extracting(ConfigError::toString).containsExactly(
                "rules.yaml:2:5: a rule must be a mapping of 'key: value' lines, got 'distress'",
                "rules.yaml:3:41: emotion 'sad' is listed twice",
                "rules.yaml:4:7: 'zone' must be a text value, got 3",
                "rules.yaml:5:10: 'version' must be 1 (the only version this Vigil reads), got 2");
    }
}
