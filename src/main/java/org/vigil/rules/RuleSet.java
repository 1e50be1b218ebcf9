package org.vigil.rules;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A validated alerts configuration: the rules, technical alert settings, baseline default,
 * shifts (quiet hours) and per-bed overrides. Immutable; a reload swaps the whole set.
 *
 * @param flat     every configured value as "path = value", sorted: what a reload's diff compares
 * @param frequent the frequent-alert pattern
 * @param storage  retention of closed alerts and of the score history
 * @param suggest  when a bed gets an override suggestion
 */
public record RuleSet(List<DistressRuleConfig> rules, TechnicalConfig technical, BaselineConfig baseline,
                      List<ShiftConfig> shifts, Map<String, BedConfig> beds, ZoneId zone,
                      SortedMap<String, String> flat, FrequentConfig frequent, StorageConfig storage, SuggestConfig suggest) {
    /** A set with the default suggestion settings. */
    public RuleSet(List<DistressRuleConfig> rules, TechnicalConfig technical, BaselineConfig baseline,
                   List<ShiftConfig> shifts, Map<String, BedConfig> beds, ZoneId zone, SortedMap<String, String> flat,
                   FrequentConfig frequent, StorageConfig storage) {
        this(rules, technical, baseline, shifts, beds, zone, flat, frequent, storage, SuggestConfig.DEFAULT);
    }

    /** A set with the default frequent-alert pattern and storage settings. */
    public RuleSet(List<DistressRuleConfig> rules, TechnicalConfig technical, BaselineConfig baseline,
                   List<ShiftConfig> shifts, Map<String, BedConfig> beds, ZoneId zone, SortedMap<String, String> flat) {
        this(rules, technical, baseline, shifts, beds, zone, flat, FrequentConfig.DEFAULT, StorageConfig.DEFAULT);
    }

    public RuleSet {
        frequent = frequent == null ? FrequentConfig.DEFAULT : frequent;
        if (storage == null) storage = StorageConfig.DEFAULT;
        if (suggest == null) suggest = SuggestConfig.DEFAULT;
        rules = List.copyOf(rules);
        shifts = List.copyOf(shifts);
        beds = Map.copyOf(beds);
        flat = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(flat));
    }

    /**
     * The rules as they apply to this bed at this time of day: base rule, then every shift covering
     * the time (in file order), then the bed's own overrides (the most specific wins).
     */
    public List<DistressRuleConfig> effectiveRules(String bed, LocalTime timeOfDay) {
        BedConfig bc = beds.get(bed);
        List<DistressRuleConfig> out = new ArrayList<>(rules.size());
        for (DistressRuleConfig r : rules) {
            DistressRuleConfig e = r;
            for (ShiftConfig s : shifts) {
                if (s.covers(timeOfDay) && s.rules().containsKey(r.id())) e = e.with(s.rules().get(r.id()));
            }
            if (bc != null && bc.rules().containsKey(r.id())) e = e.with(bc.rules().get(r.id()));
            out.add(e);
        }
        return out;
    }

    public BaselineConfig baselineFor(String bed) {
        BedConfig bc = beds.get(bed);
        return bc != null && bc.baseline() != null ? bc.baseline() : baseline;
    }

    /** Lines "+ key = value", "- key = value", "~ key: old -> new" describing how {@code next} differs. */
    public List<String> diff(RuleSet next) {
        List<String> out = new ArrayList<>();
        Map<String, String> before = new HashMap<>(flat);
        for (Map.Entry<String, String> e : next.flat.entrySet()) {
            String old = before.remove(e.getKey());
            if (old == null) out.add("+ " + e.getKey() + " = " + e.getValue());
            else if (!old.equals(e.getValue())) out.add("~ " + e.getKey() + ": " + old + " -> " + e.getValue());
        }
        before.keySet().stream().sorted().forEach(k -> out.add("- " + k + " = " + before.get(k)));
        return out;
    }
}
