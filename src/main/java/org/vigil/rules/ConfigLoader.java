package org.vigil.rules;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and validates alerts-config/*.yaml. Uses SnakeYAML's node tree (not data binding) so that
 * every error can name the file, line and column of the offending value; collects all errors of
 * all files instead of stopping at the first. The schema is documented in alerts-config/README.md.
 */
public final class ConfigLoader {
    /** Labels a rule may name: every class of the models Vigil knows. Catches typos such as "sadd". */
    static final Set<String> KNOWN_EMOTIONS;

    static {
        Set<String> s = new LinkedHashSet<>(EmotionLabels.FER7);
        s.addAll(EmotionLabels.FOUR);
        KNOWN_EMOTIONS = Set.copyOf(s);
    }

    private static final Set<String> TOP_KEYS = Set.of("version", "zone", "rules", "technical", "baseline", "shifts", "beds");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(s|sec|m|min|h)?");

    private final List<ConfigError> errors = new ArrayList<>();
    private String file = "?";

    private ConfigLoader() {}

    /** Every *.yaml / *.yml directly in {@code dir} (sub-folders such as presets/ are not read), in name order. */
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
                        && !n.equals(org.vigil.nursecall.IntegrationsConfig.FILE_NAME); // not rules: read by nursecall
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
    private final Map<String, String> ruleNodes = new LinkedHashMap<>();
    private final List<ShiftConfig> shifts = new ArrayList<>();
    private final Map<String, BedConfig> beds = new LinkedHashMap<>();
    private final TreeMap<String, String> flat = new TreeMap<>();
    private TechnicalConfig technical = TechnicalConfig.DEFAULT;
    private BaselineConfig baseline = BaselineConfig.OFF;
    private ZoneId zone = ZoneId.systemDefault();
    private String technicalFrom, baselineFrom, zoneFrom;
    /** Overrides are checked after all rules are known: (where, rule id, fields). */
    private final List<Object[]> pendingOverrides = new ArrayList<>();

    private RuleSet build(Map<String, String> texts) throws ConfigException {
        for (Map.Entry<String, String> e : texts.entrySet()) {
            file = e.getKey();
            Node root;
            try {
                LoaderOptions opts = new LoaderOptions();
                opts.setAllowDuplicateKeys(true); // we report duplicates ourselves, with their position
                root = new Yaml(opts).compose(new StringReader(e.getValue()));
            } catch (MarkedYAMLException ex) {
                Mark m = ex.getProblemMark() != null ? ex.getProblemMark() : ex.getContextMark();
                String what = ex.getProblem() != null ? ex.getProblem() : ex.getMessage();
                errors.add(new ConfigError(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                        "YAML syntax: " + what.trim()));
                continue;
            } catch (RuntimeException ex) {
                errors.add(new ConfigError(file, 0, 0, "YAML: " + ex.getMessage()));
                continue;
            }
            if (root == null) continue; // empty file: allowed (e.g. everything commented out)
            flatten("", root);
            topLevel(root);
        }
        file = "?";
        if (rules.isEmpty() && errors.isEmpty()) {
            errors.add(new ConfigError(texts.keySet().stream().findFirst().orElse("?"), 1, 1,
                    "no rules defined: add a 'rules:' list (see alerts-config/README.md)"));
        }
        checkOverrides();
        if (!errors.isEmpty()) {
            List<String> order = new ArrayList<>(texts.keySet());
            errors.sort(java.util.Comparator.comparingInt((ConfigError e) -> order.indexOf(e.file()))
                    .thenComparingInt(ConfigError::line).thenComparingInt(ConfigError::column));
            throw new ConfigException(errors);
        }
        return new RuleSet(rules, technical, baseline, shifts, beds, zone, flat);
    }

    private void topLevel(Node root) {
        Map<String, NodeTuple> top = mapping(root, "the top level", TOP_KEYS);
        if (top == null) return;
        for (Map.Entry<String, NodeTuple> e : top.entrySet()) {
            Node v = e.getValue().getValueNode();
            switch (e.getKey()) {
                case "version" -> {
                    Double n = number(v, "version");
                    if (n != null && n != 1) error(v, "version " + scalar(v) + " is not supported (this Vigil reads version 1)");
                }
                case "zone" -> {
                    String z = string(v, "zone");
                    if (z != null) {
                        if (zoneFrom != null) error(v, "zone is already set in " + zoneFrom);
                        try {
                            zone = ZoneId.of(z);
                            zoneFrom = where(v);
                        } catch (RuntimeException ex) {
                            error(v, "unknown time zone '" + z + "' (e.g. Europe/Berlin, UTC)");
                        }
                    }
                }
                case "rules" -> {
                    if (v instanceof SequenceNode seq) {
                        for (Node r : seq.getValue()) rule(r);
                    } else error(v, "'rules' must be a list of rules (each starting with '- id: ...')");
                }
                case "technical" -> {
                    if (technicalFrom != null) error(v, "'technical' is already set in " + technicalFrom);
                    technicalFrom = where(v);
                    technical(v);
                }
                case "baseline" -> {
                    if (baselineFrom != null) error(v, "'baseline' is already set in " + baselineFrom);
                    baselineFrom = where(v);
                    BaselineConfig b = baseline(v, BaselineConfig.OFF);
                    if (b != null) baseline = b;
                }
                case "shifts" -> {
                    if (v instanceof SequenceNode seq) {
                        for (Node s : seq.getValue()) shift(s);
                    } else error(v, "'shifts' must be a list (each starting with '- name: ...')");
                }
                case "beds" -> beds(v);
                default -> { }
            }
        }
    }

    private static final Set<String> RULE_KEYS;

    static {
        Set<String> k = new HashSet<>(DistressRuleConfig.FIELDS);
        k.add("id");
        k.add("kind");
        k.add("description");
        RULE_KEYS = Set.copyOf(k);
    }

    private final Set<String> declaredRuleIds = new HashSet<>();

    private void rule(Node node) {
        Map<String, NodeTuple> m = mapping(node, "a rule", RULE_KEYS);
        if (m == null) return;
        if (m.containsKey("id") && m.get("id").getValueNode() instanceof ScalarNode sid) declaredRuleIds.add(sid.getValue().trim());
        String id = null;
        if (!m.containsKey("id")) error(node, "rule without 'id' (give each rule a short unique name, e.g. id: distress)");
        else {
            Node idNode = m.get("id").getValueNode();
            id = string(idNode, "id");
            if (id != null && !ID.matcher(id).matches()) {
                error(idNode, "rule id '" + id + "' may use only letters, digits, '_', '-', '.'");
                id = null;
            } else if (id != null && ruleNodes.containsKey(id)) {
                error(idNode, "duplicate rule id '" + id + "' (first defined at " + ruleNodes.get(id) + ")");
                id = null;
            }
        }
        if (m.containsKey("kind")) {
            Node k = m.get("kind").getValueNode();
            String kind = string(k, "kind");
            if (kind != null && !kind.equals("distress")) error(k, "unknown rule kind '" + kind + "' (supported: distress)");
        }
        if (m.containsKey("description")) string(m.get("description").getValueNode(), "description");
        if (!m.containsKey("start")) error(node, "rule " + (id == null ? "" : "'" + id + "' ") + "has no 'start' probability");
        int before = errors.size();
        Map<String, Object> fields = fields(m);
        boolean fieldsOk = errors.size() == before;
        if (id == null || !fields.containsKey("start")) return;
        double start = (Double) fields.get("start");
        DistressRuleConfig base = new DistressRuleConfig(id, true, List.copyOf(EmotionLabels.DISTRESS.stream().sorted().toList()),
                Combine.SUM, start, Math.max(0, start - 0.15), 20, 0, 3, 10, AlertPriority.MEDIUM, 120, false, 0, List.of());
        DistressRuleConfig r = base.with(fields);
        // cross-field checks run on the valid fields too, so one pass reports every problem
        if (consistent(r, node, m) && fieldsOk) {
            rules.add(r);
            ruleNodes.put(id, where(m.get("id").getValueNode()));
        }
    }

    /** Parses the rule fields present in {@code m}; invalid ones are left out (their errors recorded). */
    private Map<String, Object> fields(Map<String, NodeTuple> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String f : DistressRuleConfig.FIELDS) {
            NodeTuple t = m.get(f);
            if (t == null) continue;
            Object v = field(f, t.getValueNode());
            if (v != null) out.put(f, v);
        }
        return out;
    }

    private Object field(String f, Node v) {
        return switch (f) {
            case "enabled", "latched" -> bool(v, f);
            case "emotions" -> emotions(v);
            case "combine" -> enumValue(v, f, Combine.class);
            case "start", "end" -> probability(v, f);
            case "persist", "within", "clear_after", "grace", "cooldown", "reraise_after" -> duration(v, f);
            case "priority" -> enumValue(v, f, AlertPriority.class);
            case "escalation" -> escalation(v);
            default -> null;
        };
    }

    /** Cross-field checks on an effective rule; errors point at the field (or the rule) in {@code m}. */
    private boolean consistent(DistressRuleConfig r, Node node, Map<String, NodeTuple> m) {
        boolean ok = true;
        if (r.end() > r.start()) {
            error(at(m, "end", node), "end " + r.end() + " is above start " + r.start()
                    + " (the end threshold must be at or below the start threshold: that gap is the hysteresis)");
            ok = false;
        }
        if (r.within() > 0 && r.within() < r.persist()) {
            error(at(m, "within", node), "within " + r.within() + " s is shorter than persist " + r.persist()
                    + " s (the condition cannot hold " + r.persist() + " s out of " + r.within() + " s)");
            ok = false;
        }
        double last = 0;
        for (EscalationStep s : r.escalation()) {
            if (s.after() <= last) {
                error(at(m, "escalation", node), "escalation steps must have increasing 'after' times");
                ok = false;
                break;
            }
            last = s.after();
        }
        return ok;
    }

    private static Node at(Map<String, NodeTuple> m, String key, Node fallback) {
        NodeTuple t = m.get(key);
        return t == null ? fallback : t.getValueNode();
    }

    private List<String> emotions(Node v) {
        if (!(v instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            error(v, "'emotions' must be a non-empty list, e.g. [angry, sad]");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Node n : seq.getValue()) {
            String s = string(n, "emotion");
            if (s == null) return null;
            s = s.toLowerCase(Locale.ROOT);
            if (!KNOWN_EMOTIONS.contains(s)) {
                error(n, "unknown emotion '" + s + "' (known: " + String.join(", ", new java.util.TreeSet<>(KNOWN_EMOTIONS)) + ")");
                return null;
            }
            if (out.contains(s)) {
                error(n, "emotion '" + s + "' is listed twice");
                return null;
            }
            out.add(s);
        }
        return out;
    }

    private List<EscalationStep> escalation(Node v) {
        if (!(v instanceof SequenceNode seq)) {
            error(v, "'escalation' must be a list of steps, e.g. - {after: 2m, to: charge-nurse}");
            return null;
        }
        List<EscalationStep> out = new ArrayList<>();
        boolean ok = true;
        for (Node n : seq.getValue()) {
            Map<String, NodeTuple> m = mapping(n, "an escalation step", Set.of("after", "to", "priority"));
            if (m == null) {
                ok = false;
                continue;
            }
            if (!m.containsKey("after") || !m.containsKey("to")) {
                error(n, "an escalation step needs 'after' (how long unacknowledged) and 'to' (who is notified next)");
                ok = false;
                continue;
            }
            Double after = duration(m.get("after").getValueNode(), "after");
            String to = string(m.get("to").getValueNode(), "to");
            AlertPriority p = m.containsKey("priority") ? enumValue(m.get("priority").getValueNode(), "priority", AlertPriority.class) : null;
            if (after == null || to == null || (m.containsKey("priority") && p == null)) {
                ok = false;
                continue;
            }
            if (after <= 0) {
                error(m.get("after").getValueNode(), "escalation 'after' must be more than 0 seconds");
                ok = false;
                continue;
            }
            out.add(new EscalationStep(after, to, p));
        }
        return ok ? out : null;
    }

    private void technical(Node v) {
        Map<String, NodeTuple> m = mapping(v, "'technical'", Set.of("camera_offline_after", "not_visible_after", "priority"));
        if (m == null) return;
        TechnicalConfig d = TechnicalConfig.DEFAULT;
        Double co = m.containsKey("camera_offline_after") ? duration(m.get("camera_offline_after").getValueNode(), "camera_offline_after") : d.cameraOfflineAfter();
        Double nv = m.containsKey("not_visible_after") ? duration(m.get("not_visible_after").getValueNode(), "not_visible_after") : d.notVisibleAfter();
        AlertPriority p = m.containsKey("priority") ? enumValue(m.get("priority").getValueNode(), "priority", AlertPriority.class) : d.priority();
        if (co != null && nv != null && p != null) technical = new TechnicalConfig(co, nv, p);
    }

    private BaselineConfig baseline(Node v, BaselineConfig defaults) {
        Map<String, NodeTuple> m = mapping(v, "'baseline'", Set.of("enabled", "calibration", "alert_during_calibration"));
        if (m == null) return null;
        Boolean en = m.containsKey("enabled") ? bool(m.get("enabled").getValueNode(), "enabled") : defaults.enabled();
        Double cal = m.containsKey("calibration") ? duration(m.get("calibration").getValueNode(), "calibration") : defaults.calibration();
        Boolean during = m.containsKey("alert_during_calibration") ? bool(m.get("alert_during_calibration").getValueNode(), "alert_during_calibration") : defaults.alertDuringCalibration();
        if (en == null || cal == null || during == null) return null;
        if (cal < 10) {
            error(m.get("calibration").getValueNode(), "calibration of " + cal + " s is too short to learn a resting expression (use at least 10 s; 2-5 min is typical)");
            return null;
        }
        return new BaselineConfig(en, cal, during);
    }

    private void shift(Node node) {
        Map<String, NodeTuple> m = mapping(node, "a shift", Set.of("name", "from", "to", "rules"));
        if (m == null) return;
        if (!m.containsKey("name") || !m.containsKey("from") || !m.containsKey("to")) {
            error(node, "a shift needs 'name', 'from' and 'to' (e.g. name: night, from: \"22:00\", to: \"07:00\")");
            return;
        }
        String name = string(m.get("name").getValueNode(), "name");
        LocalTime from = time(m.get("from").getValueNode(), "from");
        LocalTime to = time(m.get("to").getValueNode(), "to");
        Map<String, Map<String, Object>> ov = m.containsKey("rules") ? overrides(m.get("rules").getValueNode()) : Map.of();
        if (name != null && from != null && to != null && ov != null) shifts.add(new ShiftConfig(name, from, to, ov));
    }

    private void beds(Node v) {
        if (!(v instanceof MappingNode mn)) {
            error(v, "'beds' must map bed names to settings, e.g. beds: {bed-3: {baseline: {enabled: true}}}");
            return;
        }
        for (NodeTuple t : mn.getValue()) {
            String bed = string(t.getKeyNode(), "bed name");
            if (bed == null) continue;
            if (beds.containsKey(bed)) {
                error(t.getKeyNode(), "bed '" + bed + "' is configured twice");
                continue;
            }
            Map<String, NodeTuple> m = mapping(t.getValueNode(), "bed '" + bed + "'", Set.of("rules", "baseline"));
            if (m == null) continue;
            Map<String, Map<String, Object>> ov = m.containsKey("rules") ? overrides(m.get("rules").getValueNode()) : Map.of();
            BaselineConfig b = null;
            if (m.containsKey("baseline")) {
                b = baseline(m.get("baseline").getValueNode(), baseline);
                if (b == null) continue;
            }
            if (ov != null) beds.put(bed, new BedConfig(bed, ov, b));
        }
    }

    /** rules: {ruleId: {field: value}} under a shift or a bed. Rule ids are checked once all files are read. */
    private Map<String, Map<String, Object>> overrides(Node v) {
        if (!(v instanceof MappingNode mn)) {
            error(v, "'rules' here must map rule ids to changed fields, e.g. rules: {distress: {start: 0.7}}");
            return null;
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        boolean ok = true;
        for (NodeTuple t : mn.getValue()) {
            String id = string(t.getKeyNode(), "rule id");
            Map<String, NodeTuple> m = mapping(t.getValueNode(), "overrides of rule '" + id + "'", Set.copyOf(DistressRuleConfig.FIELDS));
            if (id == null || m == null) {
                ok = false;
                continue;
            }
            int before = errors.size();
            Map<String, Object> f = fields(m);
            if (errors.size() > before) {
                ok = false;
                continue;
            }
            out.put(id, f);
            pendingOverrides.add(new Object[] {file, t.getKeyNode(), id, f, m, t.getValueNode()});
        }
        return ok ? out : null;
    }

    @SuppressWarnings("unchecked")
    private void checkOverrides() {
        Map<String, DistressRuleConfig> byId = new LinkedHashMap<>();
        for (DistressRuleConfig r : rules) byId.put(r.id(), r);
        for (Object[] p : pendingOverrides) {
            file = (String) p[0];
            String id = (String) p[2];
            DistressRuleConfig base = byId.get(id);
            if (base == null) {
                // a declared rule with its own errors is reported already; only truly unknown ids are news
                if (!declaredRuleIds.contains(id)) {
                    error((Node) p[1], "override for unknown rule '" + id + "' (rules: " + String.join(", ", byId.keySet()) + ")");
                }
                continue;
            }
            consistent(base.with((Map<String, Object>) p[3]), (Node) p[5], (Map<String, NodeTuple>) p[4]);
        }
        file = "?";
    }

    // ---- scalar helpers: each records an error with the node's position and returns null -------

    private Map<String, NodeTuple> mapping(Node v, String what, Set<String> allowed) {
        if (!(v instanceof MappingNode mn)) {
            error(v, what + " must be a mapping of 'key: value' lines, got " + describe(v));
            return null;
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        boolean ok = true;
        for (NodeTuple t : mn.getValue()) {
            String k = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (k == null) {
                error(t.getKeyNode(), "keys must be plain names");
                ok = false;
            } else if (out.containsKey(k)) {
                error(t.getKeyNode(), "duplicate key '" + k + "' (first at " + where(out.get(k).getKeyNode()) + ")");
                ok = false;
            } else if (!allowed.contains(k)) {
                error(t.getKeyNode(), "unknown key '" + k + "' in " + what + " (expected one of: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")" + suggestion(k, allowed));
                ok = false;
            } else out.put(k, t);
        }
        return ok ? out : (out.isEmpty() ? null : out);
    }

    private static String suggestion(String k, Set<String> allowed) {
        String best = null;
        int bestD = 3;
        for (String a : allowed) {
            int d = editDistance(k, a);
            if (d < bestD) {
                bestD = d;
                best = a;
            }
        }
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private String scalar(Node v) {
        return v instanceof ScalarNode s ? s.getValue() : null;
    }

    private String string(Node v, String what) {
        String s = scalar(v);
        if (s == null || s.isBlank()) {
            error(v, "'" + what + "' must be a text value, got " + describe(v));
            return null;
        }
        return s.trim();
    }

    private Double number(Node v, String what) {
        String s = scalar(v);
        if (s == null) {
            error(v, "'" + what + "' must be a number, got " + describe(v));
            return null;
        }
        try {
            double d = Double.parseDouble(s.trim());
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            error(v, "'" + what + "' must be a number, got '" + s + "'");
            return null;
        }
    }

    private Double probability(Node v, String what) {
        Double d = number(v, what);
        if (d != null && (d < 0 || d > 1)) {
            error(v, "'" + what + "' is a probability and must be between 0 and 1, got " + scalar(v));
            return null;
        }
        return d;
    }

    /** Seconds, as a number or with a unit: 30, 30s, 2m, 1.5min, 1h. */
    private Double duration(Node v, String what) {
        String s = scalar(v);
        Matcher mt = s == null ? null : DURATION.matcher(s.trim());
        if (mt == null || !mt.matches()) {
            error(v, "'" + what + "' must be a duration such as 30, 30s, 2m or 1h, got " + (s == null ? describe(v) : "'" + s + "'"));
            return null;
        }
        double n = Double.parseDouble(mt.group(1));
        String unit = mt.group(2) == null ? "s" : mt.group(2);
        return switch (unit) {
            case "m", "min" -> n * 60;
            case "h" -> n * 3600;
            default -> n;
        };
    }

    private Boolean bool(Node v, String what) {
        String s = scalar(v);
        if (s != null) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> { return true; }
                case "false", "no", "off" -> { return false; }
                default -> { }
            }
        }
        error(v, "'" + what + "' must be true or false, got " + (s == null ? describe(v) : "'" + s + "'"));
        return null;
    }

    private <E extends Enum<E>> E enumValue(Node v, String what, Class<E> type) {
        String s = scalar(v);
        if (s != null) {
            for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(s.trim())) return e;
        }
        List<String> names = Stream.of(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        error(v, "'" + what + "' must be one of " + String.join(", ", names) + ", got " + (s == null ? describe(v) : "'" + s + "'"));
        return null;
    }

    private LocalTime time(Node v, String what) {
        String s = scalar(v);
        try {
            if (s != null) return LocalTime.parse(s.trim().length() == 4 ? "0" + s.trim() : s.trim());
        } catch (DateTimeParseException e) {
            // fall through
        }
        error(v, "'" + what + "' must be a time of day such as \"22:00\" (quote it), got " + (s == null ? describe(v) : "'" + s + "'"));
        return null;
    }

    private static String describe(Node v) {
        if (v instanceof MappingNode) return "a mapping";
        if (v instanceof SequenceNode) return "a list";
        if (v instanceof ScalarNode s) return s.getValue().isEmpty() ? "nothing" : "'" + s.getValue() + "'";
        return "nothing";
    }

    private String where(Node n) {
        Mark m = n.getStartMark();
        return file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
    }

    private void error(Node n, String message) {
        Mark m = n == null ? null : n.getStartMark();
        errors.add(new ConfigError(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, message));
    }

    /** Every scalar as "path = value" for change diffs: rules[distress].start = 0.6, beds.bed-3.baseline.enabled = true. */
    private void flatten(String path, Node n) {
        if (n instanceof ScalarNode s) {
            flat.merge(path.isEmpty() ? "(root)" : path, s.getValue(), (a, b) -> a + ", " + b);
        } else if (n instanceof SequenceNode seq) {
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                Node it = items.get(i);
                String key = String.valueOf(i);
                if (it instanceof MappingNode mn) {
                    for (NodeTuple t : mn.getValue()) {
                        if ((t.getKeyNode() instanceof ScalarNode k) && (k.getValue().equals("id") || k.getValue().equals("name"))
                                && t.getValueNode() instanceof ScalarNode idv) key = idv.getValue();
                    }
                }
                flatten(path + "[" + key + "]", it);
            }
            if (items.isEmpty()) flat.put(path, "[]");
        } else if (n instanceof MappingNode mn) {
            for (NodeTuple t : mn.getValue()) {
                String k = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
                flatten(path.isEmpty() ? k : path + "." + k, t.getValueNode());
            }
        }
    }
}
