package org.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vigil.alerts.AlertStore;
import org.vigil.alerts.ScoreHistory;
import org.vigil.base.Defaults;
import org.vigil.rules.BedOverrideWriter;
import org.vigil.rules.ConfigException;
import org.vigil.rules.ConfigLoader;
import org.vigil.rules.OverrideSuggester;
import org.vigil.rules.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** ./run.sh alerts suggest | apply-suggestion: per-bed overrides learned from the nurses' answers, applied only by a person. */
final class AlertsSuggestCommand {
    private AlertsSuggestCommand() {}

    /** Candidates shown per bed in the text output (the JSON has them all). */
    private static final int SHOWN = 8;

    @Command(name = "suggest", mixinStandardHelpOptions = true,
            description = {"Per-bed override suggestions: for a bed whose last judged distress alerts hold too many false alarms"
                    + " (alerts-config 'suggestions:'), replays its recorded scores through a higher start, a longer persistence, both,"
                    + " or the baseline, and shows how many false alarms each removes and how many confirmed alerts it still raises.",
                    "Nothing is changed: apply one with 'alerts apply-suggestion --bed B --by NAME'."})
    static class Suggest implements Callable<Integer> {
        @Mixin AlertsCommand.DbOption db = new AlertsCommand.DbOption();
        @Option(names = "--rules", paramLabel = "DIR|FILE", defaultValue = Defaults.RULES_TEXT,
                description = "The alerts configuration in force (default ${DEFAULT-VALUE}).") Path rules;
        @Option(names = "--bed", description = "Only this bed (and say why there is no suggestion when there is none).") String bed;
        @Option(names = "--json", description = "Print the suggestions as JSON.") boolean json;

        @Override
        public Integer call() throws Exception {
            return withSuggestions(db, rules, bed, (rs, store, out) -> {
                if (json) {
                    System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(out.stream().map(AlertsSuggestCommand::toMap).toList()));
                    return 0;
                }
                print(System.out, out, rs);
                return 0;
            });
        }
    }

    /** What a command does with the suggestions, the store still open; returns the exit code. */
    @FunctionalInterface
    private interface WithSuggestions {
        int run(RuleSet rules, AlertStore store, List<OverrideSuggester.Suggestion> suggestions) throws Exception;
    }

    /**
     * Loads the alerts configuration (exit 2 naming --rules when it is not valid), opens the alert database and its
     * recorded scores, computes the suggestions (one bed, or all when bed is null) and hands them on.
     */
    private static int withSuggestions(AlertsCommand.DbOption db, Path rules, String bed, WithSuggestions then) throws Exception {
        RuleSet rs;
        try {
            rs = ConfigLoader.loadDirectory(rules);
        } catch (ConfigException e) {
            System.err.println("--rules " + rules + ": " + e.getMessage());
            return 2;
        }
        try (AlertStore store = db.open(); ScoreHistory history = new ScoreHistory(store.file())) {
            return then.run(rs, store, OverrideSuggester.suggest(rs, store, history, bed, Instant.now()));
        }
    }

    static void print(PrintStream o, List<OverrideSuggester.Suggestion> out, RuleSet rs) {
        if (out.isEmpty()) {
            o.printf(Locale.ROOT, "No bed has more than %.0f%% false alarms among its last %d judged distress alerts: nothing to suggest.%n",
                    100 * rs.suggest().falseShareAbove(), rs.suggest().lastAlerts());
            return;
        }
        for (OverrideSuggester.Suggestion s : out) {
            if (s.ruleId() == null) {
                o.println(s.summary());
                continue;
            }
            o.printf(Locale.ROOT, "%s: %d of the last %d judged distress alerts were false alarms (%.0f%%), %d confirmed%n", s.bed(), s.falseAlarms(),
                    s.judged(), 100 * s.falseShare(), s.confirmed());
            if (s.samples() > 0) {
                o.printf(Locale.ROOT, "  replayed %d recorded seconds, %s to %s; current settings (%s) raise again %d of the false and %d of the confirmed%n",
                        s.samples(), s.from(), s.to(), s.current(), s.falseReplayed(), s.confirmedReplayed());
            }
            if (!s.candidates().isEmpty()) {
                o.printf(Locale.ROOT, "  %-52s %14s %15s %7s%n", "candidate override (rule " + s.ruleId() + ")", "false removed", "confirmed kept", "alerts");
                s.candidates().stream()
                        .sorted(Comparator.comparingInt((OverrideSuggester.Candidate c) -> c.confirmedKept()).reversed()
                                .thenComparing(Comparator.comparingInt(OverrideSuggester.Candidate::falseRemoved).reversed())
                                .thenComparingInt(OverrideSuggester.Candidate::cost))
                        .limit(SHOWN)
                        .forEach(c -> o.printf(Locale.ROOT, "  %-52s %9d of %-2d %10d of %-2d %7d%s%n", c.change(), c.falseRemoved(), s.falseReplayed(),
                                c.confirmedKept(), s.confirmedReplayed(), c.raised(), c == s.best() ? "  <- suggested" : ""));
                if (s.candidates().size() > SHOWN) o.printf(Locale.ROOT, "  (%d more candidates in --json)%n", s.candidates().size() - SHOWN);
            }
            o.println("  " + (s.actionable() ? "suggestion: " + s.best().change() + "  (apply: ./run.sh alerts apply-suggestion --bed " + s.bed()
                    + " --by NAME)" : "cannot suggest an override: " + s.cannot()));
        }
    }

    static Map<String, Object> toMap(OverrideSuggester.Suggestion s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bed", s.bed());
        m.put("rule", s.ruleId());
        m.put("judged", s.judged());
        m.put("false_alarms", s.falseAlarms());
        m.put("confirmed", s.confirmed());
        m.put("false_share", Double.isNaN(s.falseShare()) ? null : s.falseShare());
        m.put("from", s.from() == null ? null : s.from().toString());
        m.put("to", s.to() == null ? null : s.to().toString());
        m.put("samples", s.samples());
        m.put("current", s.current());
        m.put("false_replayed", s.falseReplayed());
        m.put("confirmed_replayed", s.confirmedReplayed());
        m.put("current_alerts", s.currentRaised());
        List<Map<String, Object>> cs = new ArrayList<>();
        for (OverrideSuggester.Candidate c : s.candidates()) cs.add(candidate(c));
        m.put("candidates", cs);
        m.put("suggestion", s.best() == null ? null : candidate(s.best()));
        m.put("cannot", s.cannot());
        return m;
    }

    private static Map<String, Object> candidate(OverrideSuggester.Candidate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("change", c.change());
        m.put("override", c.override().yamlFields());
        m.put("baseline_on", c.override().baselineOn());
        m.put("false_removed", c.falseRemoved());
        m.put("confirmed_kept", c.confirmedKept());
        m.put("alerts", c.raised());
        return m;
    }

    @Command(name = "apply-suggestion", mixinStandardHelpOptions = true,
            description = {"Writes the bed's current suggestion (see 'alerts suggest --bed B') into the alerts configuration as a per-bed override:"
                    + " only the 'beds:' block of one file is rewritten, the whole configuration is validated first (nothing is written when it"
                    + " would not be valid), and the change is recorded with who applied it (alerts config-log).",
                    "A running Vigil picks the file up by itself (hot reload, within 2 s)."})
    static class Apply implements Callable<Integer> {
        @Mixin AlertsCommand.DbOption db = new AlertsCommand.DbOption();
        @Option(names = "--rules", paramLabel = "DIR|FILE", defaultValue = Defaults.RULES_TEXT,
                description = "The alerts configuration to change (default ${DEFAULT-VALUE}).") Path rules;
        @Option(names = "--bed", required = true, description = "The bed whose suggestion to apply.") String bed;
        @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who applies it (kept in the config audit).") String by;

        @Override
        public Integer call() throws Exception {
            return withSuggestions(db, rules, bed, (rs, store, out) -> {
                OverrideSuggester.Suggestion s = out.stream().filter(x -> x.bed().equals(bed)).findFirst().orElseThrow();
                if (!s.actionable()) {
                    System.err.println(s.summary());
                    return 1;
                }
                BedOverrideWriter.Applied a;
                try {
                    a = BedOverrideWriter.apply(rules, s.best().override(), by, store, Instant.now());
                } catch (ConfigException e) {
                    System.err.println("not written: the configuration would not be valid:\n" + e.getMessage());
                    return 1;
                }
                System.out.println(s.summary());
                System.out.println("written to " + a.file() + " by " + by + ":");
                a.diff().forEach(d -> System.out.println("  " + d));
                System.out.println("A running Vigil applies it within 2 s (hot reload); recorded in ./run.sh alerts config-log.");
                return 0;
            });
        }
    }
}
