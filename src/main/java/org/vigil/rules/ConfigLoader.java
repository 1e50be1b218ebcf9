package org.vigil.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.vigil.alerts.AlertPriority;
import org.vigil.classify.EmotionLabels;

/**
 * Reads alerts-config/*.yaml as one configuration. Structure (keys, types, ranges, required keys) is
 * checked by alerts-config/rules.schema.json ({@link RulesSchema}); this class does what a schema
 * cannot: unit conversion, checks across fields (end <= start) and across files (unique rule ids,
 * overrides naming existing rules). Every error carries file:line:column, and all errors of all
 * files are collected instead of stopping at the first.
 */
public final class ConfigLoader {
    /** Labels a rule may name: every class of the models Vigil knows (the schema lists the same). */
    static final Set<String> KNOWN_EMOTIONS;

    static {
        Set<String> s = new LinkedHashSet<>(EmotionLabels.FER7);
        s.addAll(EmotionLabels.FOUR);
        KNOWN_EMOTIONS = Set.copyOf(s);
    }

    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(s|sec|m|min|h)?\\s*");

    private final List<ConfigError> errors = new ArrayList<>();
    private LocatedYaml doc; // the file being read: where errors point

    private ConfigLoader() {}

    /** Every *.yaml / *.yml directly in {@code dir} (sub-folders such as presets/ are not read), in name order. */
    /** Files in alerts-config/ that other parts read (nurse-call integrations), not alert rules. */
    public static final java.util.Set<String> NOT_RULES = java.util.Set.of("integrations.yaml");

    public static RuleSet loadDirectory(Path dir) throws ConfigException {
        if (!Files.isDirectory(dir)) {
            if (Files.isRegularFile(dir)) return loadFiles(List.of(dir));
            throw new ConfigException(List.of(new ConfigError(dir.toString(), 0, 0, "no such folder")));
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString();
                return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"))
                        && !NOT_RULES.contains(n);
            }).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigError(dir.toString(), 0, 0, "cannot list: " + e.getMessage())));
        }
        if (files.isEmpty()) {
            throw new ConfigException(List.of(new ConfigError(dir.toString(), 0, 0, "no .yaml files in this folder")));
        }
        return loadFiles(files);
    }

    public static RuleSet loadFiles(List<Path> files) throws ConfigException {
        Map<String, String> texts = new LinkedHashMap<>();
        List<ConfigError> io = new ArrayList<>();
        for (Path f : files) {
            try {
                texts.put(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                io.add(new ConfigError(f.toString(), 0, 0, "cannot read: " + e.getMessage()));
            }
        }
        if (!io.isEmpty()) throw new ConfigException(io);
        return parse(texts);
    }

    /** Parses named YAML texts (file name -> content) as one configuration. */
    public static RuleSet parse(Map<String, String> texts) throws ConfigException {
        return new ConfigLoader().build(texts);
    }

    public static RuleSet parse(String name, String text) throws ConfigException {
        return parse(Map.of(name, text));
    }

    // ---------------------------------------------------------------------------------------------

    private final List<DistressRuleConfig> rules = new ArrayList<>();
    private final Map<String, String> ruleWhere = new LinkedHashMap<>();
    private final List<ShiftConfig> shifts = new ArrayList<>();
    private final Map<String, BedConfig> beds = new LinkedHashMap<>();
    private final Map<String, String> bedWhere = new LinkedHashMap<>();
    private final TreeMap<String, String> flat = new TreeMap<>();
    private TechnicalConfig technical = TechnicalConfig.DEFAULT;
    private BaselineConfig baseline = BaselineConfig.OFF;
    private ZoneId zone = ZoneId.systemDefault();
    private String technicalFrom, baselineFrom, zoneFrom;
    private FrequentConfig frequent = FrequentConfig.DEFAULT;
    private String frequentFrom;
    private StorageConfig storage = StorageConfig.DEFAULT;
    private String storageFrom;
    private SuggestConfig suggest = SuggestConfig.DEFAULT;
    private String suggestFrom;

    /** A shift's or bed's fields for one rule, checked once every file's rules are known. */
    private record PendingOverride(LocatedYaml doc, String pointer, String ruleId, Map<String, Object> fields) {}

    private final List<PendingOverride> overrides = new ArrayList<>();
    /** Per file, the values the schema rejected: the checks here leave them (and what contains them) out. */
    private final Map<LocatedYaml, Set<String>> invalid = new IdentityHashMap<>();

    private RuleSet build(Map<String, String> texts) throws ConfigException {
        List<LocatedYaml> docs = new ArrayList<>();
        for (Map.Entry<String, String> e : texts.entrySet()) {
            try {
                LocatedYaml d = LocatedYaml.read(e.getKey(), e.getValue());
                Set<String> bad = new HashSet<>();
                for (RulesSchema.Violation v : RulesSchema.shipped().check(d)) {
                    errors.add(v.error());
                    bad.add(v.pointer());
                }
                invalid.put(d, bad);
                if (d.root() != null) docs.add(d); // an empty file is allowed (e.g. everything commented out)
            } catch (ConfigException ex) {
                errors.addAll(ex.errors());
            }
        }
        // the checks below skip what the schema rejected, so one pass still reports every problem
        for (LocatedYaml d : docs) {
            doc = d;
            flatten("", d.root());
            topLevel(d.root());
        }
        checkOverrides();
        if (rules.isEmpty() && errors.isEmpty()) {
            errors.add(new ConfigError(texts.keySet().stream().findFirst().orElse("?"), 1, 1,
                    "no rules defined: add a 'rules:' list (see alerts-config/README.md)"));
        }
        if (!errors.isEmpty()) {
            List<String> order = new ArrayList<>(texts.keySet());
            errors.sort(Comparator.comparingInt((ConfigError e) -> order.indexOf(e.file()))
                    .thenComparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
            throw new ConfigException(errors);
        }
        return new RuleSet(rules, technical, baseline, shifts, beds, zone, flat, frequent, storage, suggest);
    }

    /** True when the schema found nothing wrong at or below {@code pointer} of the current file. */
    private boolean valid(String pointer) {
        for (String p : invalid.get(doc)) if (p.equals(pointer) || p.startsWith(pointer + "/")) return false;
        return true;
    }

    private void topLevel(JsonNode root) {
        if (!root.isObject()) return;
        if (root.has("zone") && valid("/zone")) {
            String z = root.get("zone").asText().trim();
            if (zoneFrom != null) error("/zone", "zone is already set in " + zoneFrom);
            try {
                zone = ZoneId.of(z);
                zoneFrom = where("/zone");
            } catch (RuntimeException ex) {
                error("/zone", "unknown time zone '" + z + "' (e.g. Europe/Berlin, UTC)");
            }
        }
        if (root.path("rules").isArray()) {
            for (int i = 0; i < root.get("rules").size(); i++) rule(root.get("rules").get(i), "/rules/" + i);
        }
        if (root.has("technical")) {
            if (technicalFrom != null) error("/technical", "'technical' is already set in " + technicalFrom);
            technicalFrom = where("/technical");
            if (valid("/technical")) technical = technical(root.get("technical"));
        }
        if (root.has("storage")) {
            if (storageFrom != null) error("/storage", "'storage' is already set in " + storageFrom);
            storageFrom = where("/storage");
            JsonNode days = root.get("storage").path("keep_closed_alerts_days");
            JsonNode history = root.get("storage").path("keep_score_history_days");
            if (valid("/storage")) {
                storage = new StorageConfig(days.isInt() ? days.asInt() : StorageConfig.DEFAULT.keepClosedAlertsDays(),
                        history.isInt() ? history.asInt() : StorageConfig.DEFAULT.keepScoreHistoryDays());
            }
        }
        if (root.has("suggestions")) {
            if (suggestFrom != null) error("/suggestions", "'suggestions' is already set in " + suggestFrom);
            suggestFrom = where("/suggestions");
            JsonNode n = root.get("suggestions");
            if (valid("/suggestions")) {
                suggest = new SuggestConfig(n.path("last_alerts").isInt() ? n.get("last_alerts").asInt() : SuggestConfig.DEFAULT.lastAlerts(),
                        n.path("false_share_above").isNumber() ? n.get("false_share_above").asDouble() : SuggestConfig.DEFAULT.falseShareAbove());
            }
        }
        if (root.has("baseline")) {
            if (baselineFrom != null) error("/baseline", "'baseline' is already set in " + baselineFrom);
            baselineFrom = where("/baseline");
            BaselineConfig b = valid("/baseline") ? baseline(root.get("baseline"), "/baseline", BaselineConfig.OFF) : null;
            if (b != null) baseline = b;
        }
        if (root.has("frequent")) {
            if (frequentFrom != null) error("/frequent", "'frequent' is already set in " + frequentFrom);
            frequentFrom = where("/frequent");
            if (valid("/frequent")) frequent = frequent(root.get("frequent"));
        }
        if (root.path("shifts").isArray()) {
            for (int i = 0; i < root.get("shifts").size(); i++) shift(root.get("shifts").get(i), "/shifts/" + i);
        }
        if (root.path("beds").isObject()) {
            root.get("beds").fields().forEachRemaining(e -> bed(e.getKey(), e.getValue(), "/beds/" + YamlPositions.segment(e.getKey())));
        }
    }

    private void rule(JsonNode node, String at) {
        if (!node.isObject()) return;
        String id = node.path("id").isTextual() && valid(at + "/id") ? node.get("id").asText().trim() : null;
        if (id != null && ruleWhere.containsKey(id)) {
            error(at + "/id", "duplicate rule id '" + id + "' (first defined at " + ruleWhere.get(id) + ")");
            return;
        }
        if (id != null) ruleWhere.put(id, where(at + "/id"));
        int before = errors.size();
        Map<String, Object> fields = fields(node, at);
        if (id == null || !fields.containsKey("start")) return;
        double start = (Double) fields.get("start");
        DistressRuleConfig base = new DistressRuleConfig(id, true, EmotionLabels.DISTRESS.stream().sorted().toList(),
                Combine.SUM, start, Math.max(0, start - 0.15), 20, 0, 3, 10, AlertPriority.MEDIUM, 120, false, 0, List.of());
        DistressRuleConfig r = base.with(fields);
        // cross-field checks run on the valid fields too, so one pass reports every problem
        boolean fieldsOk = valid(at) && errors.size() == before;
        if (consistent(r, node, at) && fieldsOk) rules.add(r);
    }

    /** The valid rule fields present in {@code node}, typed; the others are left out (their errors recorded). */
    private Map<String, Object> fields(JsonNode node, String at) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String f : DistressRuleConfig.FIELDS) {
            JsonNode v = node.get(f);
            if (v == null || !valid(at + "/" + f)) continue;
            Object typed = switch (f) {
                case "enabled", "latched" -> v.asBoolean();
                case "emotions" -> emotions(v, at + "/emotions");
                case "combine" -> Combine.valueOf(v.asText().trim().toUpperCase(Locale.ROOT));
                case "start", "end" -> v.asDouble();
                case "priority" -> priority(v);
                case "escalation" -> escalation(v, at + "/escalation");
                default -> seconds(v); // persist, within, clear_after, grace, cooldown, reraise_after
            };
            if (typed != null) out.put(f, typed);
        }
        return out;
    }

    /** Cross-field checks on an effective rule; errors point at the field in {@code node}, else at it. */
    private boolean consistent(DistressRuleConfig r, JsonNode node, String at) {
        boolean ok = true;
        if (r.end() > r.start()) {
            error(node.has("end") ? at + "/end" : at, "end " + r.end() + " is above start " + r.start()
                    + " (the end threshold must be at or below the start threshold: that gap is the hysteresis)");
            ok = false;
        }
        if (r.within() > 0 && r.within() < r.persist()) {
            error(node.has("within") ? at + "/within" : at, "within " + r.within() + " s is shorter than persist " + r.persist()
                    + " s (the condition cannot hold " + r.persist() + " s out of " + r.within() + " s)");
            ok = false;
        }
        double last = 0;
        for (EscalationStep s : r.escalation()) {
            if (s.after() <= last) {
                error(node.has("escalation") ? at + "/escalation" : at, "escalation steps must have increasing 'after' times");
                return false;
            }
            last = s.after();
        }
        return ok;
    }

    /** Lower-cased; the schema checked each name, but not repeats in another case ([Sad, sad]). */
    private List<String> emotions(JsonNode list, String at) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String e = list.get(i).asText().trim().toLowerCase(Locale.ROOT);
            if (out.contains(e)) {
                error(at + "/" + i, "emotion '" + e + "' is listed twice");
                return null;
            }
            out.add(e);
        }
        return out;
    }

    private List<EscalationStep> escalation(JsonNode list, String at) {
        List<EscalationStep> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode step = list.get(i);
            double after = seconds(step.get("after"));
            if (after <= 0) {
                error(at + "/" + i + "/after", "escalation 'after' must be more than 0 seconds");
                return null;
            }
            out.add(new EscalationStep(after, step.get("to").asText().trim(), step.has("priority") ? priority(step.get("priority")) : null));
        }
        return out;
    }

    private TechnicalConfig technical(JsonNode node) {
        TechnicalConfig d = TechnicalConfig.DEFAULT;
        return new TechnicalConfig(
                node.has("camera_offline_after") ? seconds(node.get("camera_offline_after")) : d.cameraOfflineAfter(),
                node.has("not_visible_after") ? seconds(node.get("not_visible_after")) : d.notVisibleAfter(),
                node.has("priority") ? priority(node.get("priority")) : d.priority());
    }

    private FrequentConfig frequent(JsonNode node) {
        FrequentConfig d = FrequentConfig.DEFAULT;
        double within = node.has("within") ? seconds(node.get("within")) : d.within();
        if (within <= 0) {
            error("/frequent/within", "'within' must be more than 0 seconds");
            return d;
        }
        return new FrequentConfig(node.has("enabled") ? node.get("enabled").asBoolean() : d.enabled(),
                node.has("more_than") ? node.get("more_than").asInt() : d.moreThan(), within,
                node.has("priority") ? priority(node.get("priority")) : d.priority());
    }

    private BaselineConfig baseline(JsonNode node, String at, BaselineConfig defaults) {
        double cal = node.has("calibration") ? seconds(node.get("calibration")) : defaults.calibration();
        if (cal < 10) {
            error(at + "/calibration", "calibration of " + cal + " s is too short to learn a resting expression (use at least 10 s; 2-5 min is typical)");
            return null;
        }
        return new BaselineConfig(node.has("enabled") ? node.get("enabled").asBoolean() : defaults.enabled(), cal,
                node.has("alert_during_calibration") ? node.get("alert_during_calibration").asBoolean() : defaults.alertDuringCalibration());
    }

    private void shift(JsonNode node, String at) {
        if (!node.isObject()) return;
        Map<String, Map<String, Object>> ov = overrides(node.path("rules"), at + "/rules");
        if (valid(at)) shifts.add(new ShiftConfig(node.get("name").asText().trim(), time(node.get("from")), time(node.get("to")), ov));
    }

    private void bed(String bed, JsonNode node, String at) {
        if (bedWhere.containsKey(bed)) {
            error(doc.positions().keyOf(at), "bed '" + bed + "' is configured twice (first at " + bedWhere.get(bed) + ")");
            return;
        }
        bedWhere.put(bed, where(at));
        if (!node.isObject()) return;
        Map<String, Map<String, Object>> ov = overrides(node.path("rules"), at + "/rules");
        boolean ownBaseline = node.has("baseline") && valid(at + "/baseline");
        BaselineConfig b = ownBaseline ? baseline(node.get("baseline"), at + "/baseline", baseline) : null;
        if (valid(at) && (b != null || !ownBaseline)) beds.put(bed, new BedConfig(bed, ov, b));
    }

    /** rules: {ruleId: {field: value}} under a shift or a bed; the rule ids are checked by {@link #checkOverrides}. */
    private Map<String, Map<String, Object>> overrides(JsonNode node, String at) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (!node.isObject()) return out;
        node.fields().forEachRemaining(e -> {
            String p = at + "/" + YamlPositions.segment(e.getKey());
            int before = errors.size();
            Map<String, Object> f = fields(e.getValue(), p);
            if (!valid(p) || errors.size() > before) return;
            out.put(e.getKey(), f);
            overrides.add(new PendingOverride(doc, p, e.getKey(), f));
        });
        return out;
    }

    /** Every override names a rule of some file and keeps that rule consistent (e.g. end <= start for that bed). */
    private void checkOverrides() {
        Map<String, DistressRuleConfig> byId = new LinkedHashMap<>();
        for (DistressRuleConfig r : rules) byId.put(r.id(), r);
        for (PendingOverride o : overrides) {
            doc = o.doc();
            DistressRuleConfig base = byId.get(o.ruleId());
            if (base != null) {
                consistent(base.with(o.fields()), o.doc().root().at(o.pointer()), o.pointer());
            } else if (!ruleWhere.containsKey(o.ruleId())) { // a declared rule with errors of its own is reported already
                error(doc.positions().keyOf(o.pointer()), "override for unknown rule '" + o.ruleId() + "' (rules: "
                        + String.join(", ", byId.keySet()) + ")");
            }
        }
    }

    // ---- values the schema has checked the form of, converted here --------------------------------

    /** Seconds, from a number or a number with a unit: 30, 30s, 2m, 1.5min, 1h. */
    private static double seconds(JsonNode v) {
        if (v.isNumber()) return v.asDouble();
        Matcher m = DURATION.matcher(v.asText());
        if (!m.matches()) throw new IllegalStateException("the schema let through the duration '" + v.asText() + "'");
        double n = Double.parseDouble(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "m", "min" -> n * 60;
            case "h" -> n * 3600;
            default -> n;
        };
    }

    private static AlertPriority priority(JsonNode v) {
        return AlertPriority.valueOf(v.asText().trim().toUpperCase(Locale.ROOT));
    }

    /** "7:00" and "22:00" (the schema allows a one-digit hour; LocalTime wants two). */
    private static LocalTime time(JsonNode v) {
        String s = v.asText().trim();
        return LocalTime.parse(s.indexOf(':') == 1 ? "0" + s : s);
    }

    private String where(String pointer) {
        YamlPositions.Position p = doc.positions().of(pointer);
        return doc.file() + ":" + p.line() + ":" + p.column();
    }

    private void error(String pointer, String message) {
        error(doc.positions().of(pointer), message);
    }

    private void error(YamlPositions.Position p, String message) {
        errors.add(new ConfigError(doc.file(), p.line(), p.column(), message));
    }

    /** Every scalar as "path = value" for change diffs: rules[distress].start = 0.6, beds.bed-3.baseline.enabled = true. */
    private void flatten(String path, JsonNode n) {
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                JsonNode it = n.get(i);
                String key = it.path("id").isValueNode() ? it.get("id").asText()
                        : it.path("name").isValueNode() ? it.get("name").asText() : String.valueOf(i);
                flatten(path + "[" + key + "]", it);
            }
            if (n.isEmpty()) flat.put(path, "[]");
        } else if (n.isObject()) {
            n.fields().forEachRemaining(e -> flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue()));
        } else {
            flat.merge(path.isEmpty() ? "(root)" : path, n.isNull() ? "" : n.asText(), (a, b) -> a + ", " + b);
        }
    }
}
