package org.vigil.rules;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alerts.AlertStore;
import org.vigil.base.AtomicFiles;

/**
 * Writes a per-bed override into the alerts configuration: only the top-level {@code beds:} block of one
 * file is rewritten (the rest of the file, comments included, stays as it was; comment lines of the old
 * block are kept after it). The whole configuration is validated with the edit before anything is written,
 * the file is replaced atomically, and a running Vigil's {@link ConfigWatcher} picks it up. The change is
 * recorded in the alert database's config audit with who applied it.
 */
public final class BedOverrideWriter {
    private static final Logger log = LoggerFactory.getLogger(BedOverrideWriter.class);
    private static final Pattern BEDS = Pattern.compile("(?m)^beds\\s*:.*$");
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private BedOverrideWriter() {}

    /** What was written: the file, and the configuration's change as the reload will log it. */
    public record Applied(Path file, List<String> diff, RuleSet next) {}

    /**
     * Merges the override into the bed's settings, validates the whole folder with it, writes the file,
     * and records "override for BED applied by BY" with the diff in {@code audit} (when given).
     *
     * @throws ConfigException when the configuration would not be valid (nothing written)
     */
    public static Applied apply(Path config, BedOverride ov, String by, AlertStore audit, Instant now) throws ConfigException, IOException {
        if (by == null || by.isBlank()) throw new IllegalArgumentException("applying a suggestion needs the name of who applies it");
        List<Path> files = ruleFiles(config);
        Map<String, String> texts = new LinkedHashMap<>();
        for (Path f : files) texts.put(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
        RuleSet before = ConfigLoader.parse(texts);
        Path target = target(files, texts, ov.bed());
        String edited = withOverride(texts.get(target.toString()), ov);
        Map<String, String> after = new LinkedHashMap<>(texts);
        after.put(target.toString(), edited);
        RuleSet next = ConfigLoader.parse(after); // throws with file:line:column: nothing written
        List<String> diff = before.diff(next);
        AtomicFiles.replace(target, tmp -> Files.writeString(tmp, edited, StandardCharsets.UTF_8));
        log.info("override for {} applied by {} to {}:\n  {}", ov.bed(), by, target, String.join("\n  ", diff));
        if (audit != null) {
            try {
                audit.recordConfigChange(now, "override suggestion for " + ov.bed() + " by " + by + " to " + target, true, diff);
            } catch (SQLException e) {
                log.warn("cannot record who applied the override: {}", e.getMessage());
            }
        }
        return new Applied(target, diff, next);
    }

    /** The rule files of a folder (as {@link ConfigLoader#loadDirectory} reads them) or the one file. */
    static List<Path> ruleFiles(Path config) throws ConfigException, IOException {
        if (Files.isRegularFile(config)) return List.of(config);
        if (!Files.isDirectory(config)) throw new ConfigException(List.of(new ConfigError(config.toString(), 0, 0, "no such folder")));
        try (Stream<Path> s = Files.list(config)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml")) && !ConfigLoader.NOT_RULES.contains(n);
            }).sorted().toList();
        }
    }

    /** The file that already configures the bed, else the first with a {@code beds:} block, else the first with rules. */
    private static Path target(List<Path> files, Map<String, String> texts, String bed) throws IOException {
        Path withBeds = null, withRules = null;
        for (Path f : files) {
            Map<String, Object> root = root(texts.get(f.toString()));
            if (root.get("beds") instanceof Map<?, ?> beds && beds.containsKey(bed)) return f;
            if (withBeds == null && root.containsKey("beds")) withBeds = f;
            if (withRules == null && root.containsKey("rules")) withRules = f;
        }
        return withBeds != null ? withBeds : withRules != null ? withRules : files.get(0);
    }

    private static Map<String, Object> root(String text) throws IOException {
        Map<String, Object> m = text.isBlank() ? null : YAML.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
        return m == null ? new LinkedHashMap<>() : m;
    }

    /** The text with its {@code beds:} block replaced by one that has the override merged in. */
    @SuppressWarnings("unchecked")
    static String withOverride(String text, BedOverride ov) throws IOException {
        Map<String, Object> root = root(text);
        Map<String, Object> beds = root.get("beds") instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        Map<String, Object> bed = beds.get(ov.bed()) instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        if (!ov.fields().isEmpty()) {
            Map<String, Object> rules = bed.get("rules") instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
            Map<String, Object> rule = rules.get(ov.ruleId()) instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
            rule.putAll(ov.yamlFields());
            rules.put(ov.ruleId(), rule);
            bed.put("rules", rules);
        }
        if (ov.baselineOn()) {
            Map<String, Object> b = bed.get("baseline") instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
            b.put("enabled", true);
            bed.put("baseline", b);
        }
        beds.put(ov.bed(), bed);
        String block = YAML.writeValueAsString(Map.of("beds", beds));
        if (!block.endsWith("\n")) block += "\n";

        Matcher m = BEDS.matcher(text);
        if (!m.find()) return text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "\n" + block;
        // the old block runs to the next top-level key (a line starting with neither space nor '#') or the end
        String[] rest = text.substring(m.end()).split("\n", -1);
        List<String> kept = new ArrayList<>();
        int i = 1; // rest[0] is the remainder of the "beds:" line itself
        for (; i < rest.length; i++) {
            String line = rest[i];
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && line.charAt(0) != '#') break;
            if (line.strip().startsWith("#")) kept.add(line);
        }
        StringBuilder out = new StringBuilder(text.substring(0, m.start())).append(block);
        kept.forEach(l -> out.append(l).append('\n'));
        if (i < rest.length) out.append(String.join("\n", java.util.Arrays.copyOfRange(rest, i, rest.length)));
        return out.toString();
    }
}
