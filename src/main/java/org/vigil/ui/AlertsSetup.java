package org.vigil.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.vigil.classify.EmotionLabels;
import org.vigil.rules.Combine;
import org.vigil.rules.ConfigException;
import org.vigil.rules.ConfigLoader;
import org.vigil.rules.DistressRuleConfig;
import org.vigil.rules.RuleSet;

/**
 * The alerts configuration as the dashboard needs it: the validated rules (or the errors that stop
 * them loading), the files' text for the admin panel, and each bed's thresholds in words.
 *
 * @param rules  null when the configuration is missing or invalid
 * @param files  the YAML files read, in load order
 * @param errors "file:line:column: message" per problem
 */
public record AlertsSetup(Path location, RuleSet rules, List<Path> files, List<String> errors) {
    public AlertsSetup {
        files = List.copyOf(files);
        errors = List.copyOf(errors);
    }

    /** Load a folder of rule files (alerts-config/) or one file; never throws, errors are collected. */
    public static AlertsSetup load(Path location) {
        if (location == null) return new AlertsSetup(null, null, List.of(), List.of());
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> s = Files.list(location)) {
                s.filter(p -> Files.isRegularFile(p) && (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")))
                        .sorted().forEach(files::add);
            } catch (IOException e) {
                return new AlertsSetup(location, null, files, List.of(location + ": cannot list: " + e.getMessage()));
            }
        } else if (Files.isRegularFile(location)) {
            files.add(location);
        }
        try {
            return new AlertsSetup(location, ConfigLoader.loadDirectory(location), files, List.of());
        } catch (ConfigException e) {
            return new AlertsSetup(location, null, files, e.errors().stream().map(Object::toString).toList());
        }
    }

    /** What a hot-reloading watcher reports: the rules in force (last good) and the newest files' errors. */
    public static AlertsSetup of(Path location, org.vigil.rules.ConfigStatus status) {
        AlertsSetup files = load(location);
        return new AlertsSetup(location, status.current(), files.files(),
                status.errors().stream().map(Object::toString).toList());
    }

    /** The configured shift covering this moment ("night"), or "day" outside every configured shift. */
    public String shiftNow() {
        if (rules == null) return "day";
        LocalTime now = LocalTime.now(rules.zone());
        return rules.shifts().stream().filter(s -> s.covers(now)).map(org.vigil.rules.ShiftConfig::name).findFirst()
                .orElse("day");
    }

    /** The rules in force for this bed now, for the nurse: one paragraph per rule. */
    public String describe(String bed) {
        if (rules == null) {
            return location == null ? "No alerts configuration loaded: no clinical alerts are raised."
                    : "The alerts configuration has errors (see Admin): no clinical alerts are raised.";
        }
        StringBuilder sb = new StringBuilder();
        if (!errors.isEmpty()) sb.append("(the files on disk have errors; the last good rules stay in force)\n\n");
        for (DistressRuleConfig r : rules.effectiveRules(bed, LocalTime.now(rules.zone()))) {
            if (!r.enabled()) {
                sb.append(r.id()).append(": off for this bed\n\n");
                continue;
            }
            String window = r.within() > 0 ? " within " + StateStyle.duration(r.within()) : "";
            sb.append(String.format("%s (%s priority)%n  %s of %s ≥ %.2f for %s%s%n  ends below %.2f after %s",
                    r.id(), r.priority().name().toLowerCase(), r.combine() == Combine.SUM ? "sum" : "max",
                    String.join("+", r.emotions()), r.start(), StateStyle.duration(r.persist()), window, r.end(),
                    StateStyle.duration(r.clearAfter())));
            if (r.reraiseAfter() > 0) sb.append(String.format("%n  re-raised %s after acknowledgement", StateStyle.duration(r.reraiseAfter())));
            sb.append("\n\n");
        }
        if (rules.beds().containsKey(bed)) sb.append("(this bed has its own overrides)");
        return sb.toString().trim();
    }

    /**
     * The score at which this bed's first enabled rule over angry+sad starts an episode, for the chart's
     * threshold line; NaN when no such rule (the chart plots the angry+sad sum).
     */
    public double alertThreshold(String bed) {
        if (rules == null) return Double.NaN;
        for (DistressRuleConfig r : rules.effectiveRules(bed, LocalTime.now(rules.zone()))) {
            if (r.enabled() && r.combine() == Combine.SUM && EmotionLabels.DISTRESS.containsAll(r.emotions())
                    && r.emotions().containsAll(EmotionLabels.DISTRESS)) {
                return r.start();
            }
        }
        return Double.NaN;
    }
}
