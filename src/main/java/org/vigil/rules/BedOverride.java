package org.vigil.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A per-bed override a suggestion proposes: new values for some fields of one rule, and/or the
 * per-patient baseline switched on. Values are typed as the loader types them (start: Double,
 * persist/within: Double seconds).
 *
 * @param fields     rule field (config name) -> new value; may be empty when only the baseline changes
 * @param baselineOn true: the override also switches the bed's baseline on
 */
public record BedOverride(String bed, String ruleId, Map<String, Object> fields, boolean baselineOn) {
    public BedOverride {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The rule with this override's fields. */
    public DistressRuleConfig applyTo(DistressRuleConfig r) {
        return r.with(fields);
    }

    /** The rule set as it would be with this override (for replays; the file is written by {@link BedOverrideWriter}). */
    public RuleSet applyTo(RuleSet rs) {
        BedConfig old = rs.beds().get(bed);
        Map<String, Map<String, Object>> rules = new LinkedHashMap<>(old == null ? Map.of() : old.rules());
        Map<String, Object> merged = new LinkedHashMap<>(rules.getOrDefault(ruleId, Map.of()));
        merged.putAll(fields);
        rules.put(ruleId, merged);
        BaselineConfig b = old == null ? null : old.baseline();
        if (baselineOn) {
            BaselineConfig base = b != null ? b : rs.baseline();
            b = new BaselineConfig(true, base.calibration(), base.alertDuringCalibration());
        }
        Map<String, BedConfig> beds = new LinkedHashMap<>(rs.beds());
        beds.put(bed, new BedConfig(bed, rules, b));
        return new RuleSet(rs.rules(), rs.technical(), rs.baseline(), rs.shifts(), beds, rs.zone(), rs.flat(), rs.frequent(),
                rs.storage(), rs.suggest());
    }

    /** "start 0.70 -> 0.80, persist 15 s -> 30 s, baseline on" against the bed's current rule. */
    public String describe(DistressRuleConfig current) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            Object before = switch (e.getKey()) {
                case "start" -> current.start();
                case "end" -> current.end();
                case "persist" -> current.persist();
                case "within" -> current.within();
                default -> null;
            };
            parts.add(e.getKey() + " " + show(e.getKey(), before) + " -> " + show(e.getKey(), e.getValue()));
        }
        if (baselineOn) parts.add("baseline on");
        return String.join(", ", parts);
    }

    /** The YAML value of each field as an admin would write it: 0.8, "30s". */
    public Map<String, Object> yamlFields() {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k, isDuration(k) && v instanceof Double d ? seconds(d) : v));
        return out;
    }

    private static boolean isDuration(String field) {
        return !List.of("start", "end", "enabled", "emotions", "combine", "priority", "latched", "escalation").contains(field);
    }

    private static String seconds(double s) {
        return s == Math.rint(s) ? String.format(Locale.ROOT, "%.0fs", s) : String.format(Locale.ROOT, "%.1fs", s);
    }

    private static String show(String field, Object v) {
        if (v instanceof Double d) return isDuration(field) ? String.format(Locale.ROOT, "%.0f s", d) : String.format(Locale.ROOT, "%.2f", d);
        return String.valueOf(v);
    }
}
