package org.vigil.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vigil.alerts.Alert;
import org.vigil.alerts.AlertExport;
import org.vigil.alerts.AlertStats;
import org.vigil.alerts.AlertStore;
import org.vigil.base.Defaults;
import org.vigil.base.SharedData;
import org.vigil.eval.AlertReplay;
import org.vigil.eval.FerStreams;
import org.vigil.eval.StillFaceGroup;
import org.vigil.rules.ConfigError;
import org.vigil.rules.ConfigException;
import org.vigil.rules.ConfigLoader;
import org.vigil.rules.DistressRuleConfig;
import org.vigil.rules.Observation;
import org.vigil.rules.RuleSet;
import org.vigil.data.FerPlusLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** ./run.sh alerts validate|export|stats|replay: the admin's tools for alert rules and history. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Alert rules and history: validate the config, export history, statistics, replay recorded scores.",
        subcommands = {AlertsCommand.Validate.class, AlertsCommand.Export.class, AlertsCommand.Stats.class, AlertsCommand.Replay.class,
                AlertsCommand.FerStreamsCmd.class, AlertsCommand.Open.class, AlertsCommand.ConfigLog.class,
                AlertsCommand.Resolve.class, AlertsCommand.Outcomes.class,
                AlertsSuggestCommand.Suggest.class, AlertsSuggestCommand.Apply.class})
public class AlertsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("Choose a subcommand: validate, export, stats, replay (see ./run.sh alerts --help)");
        return 2;
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check an alerts-config folder or YAML file; prints every error as file:line:column: message.")
    static class Validate implements Callable<Integer> {
        @Parameters(index = "0", defaultValue = "alerts-config", paramLabel = "DIR|FILE")
        Path config;

        @Override
        public Integer call() {
            List<ConfigError> errors = new ArrayList<>();
            try {
                RuleSet rs = ConfigLoader.loadDirectory(config);
                System.out.println(config + ": OK, " + rs.rules().size() + " rule(s) ("
                        + String.join(", ", rs.rules().stream().map(DistressRuleConfig::id).toList()) + "), "
                        + rs.shifts().size() + " shift(s), " + rs.beds().size() + " bed override(s)");
            } catch (ConfigException e) {
                errors.addAll(e.errors());
            }
            try {
                org.vigil.nursecall.IntegrationsConfigLoader.describe(config).ifPresent(System.out::println);
            } catch (ConfigException e) {
                errors.addAll(e.errors());
            }
            if (errors.isEmpty()) return 0;
            for (ConfigError err : errors) System.out.println(err);
            System.err.println(errors.size() + " error(s); the configuration was not accepted");
            return 1;
        }
    }

    static class DbOption {
        @Option(names = "--db", paramLabel = "FILE", description = "Alert database (default " + Defaults.ALERTS_DB_TEXT + ").")
        Path db = Defaults.ALERTS_DB;

        AlertStore open() {
            if (!Files.exists(db)) throw new IllegalArgumentException("no alert database at " + db.toAbsolutePath() + " (use --db)");
            return new AlertStore(db);
        }
    }

    /** Accepts 2026-11-22 (start of that day in the local zone) or an ISO instant. */
    static Instant parseTime(String s, boolean endOfDay, String option) {
        if (s == null) return endOfDay ? Instant.now().plusSeconds(86400L * 365 * 100) : Instant.EPOCH;
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                LocalDate d = LocalDate.parse(s);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(option + " '" + s + "' is not a date (2026-11-22) or an instant (2026-11-22T08:00:00Z)");
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Alert history as CSV or JSON, for a bed and/or a time range.")
    static class Export implements Callable<Integer> {
        @picocli.CommandLine.Mixin DbOption db = new DbOption();
        @Option(names = "--bed", description = "Only this bed.") String bed;
        @Option(names = "--from", description = "From this date (2026-11-22) or instant (2026-11-22T08:00:00Z), inclusive.") String from;
        @Option(names = "--to", description = "To this date (inclusive day) or instant (exclusive).") String to;
        @Option(names = "--format", defaultValue = "csv", description = "csv or json (default ${DEFAULT-VALUE}).") AlertExport.Format format;
        @Option(names = "--rows", defaultValue = "events", description = "events (every transition: the audit trail) or alerts (one row per alert).") String rows;
        @Option(names = "--out", description = "Write to this file instead of stdout.") Path out;

        @Override
        public Integer call() throws Exception {
            Instant f = parseTime(from, false, "--from"), t = parseTime(to, true, "--to");
            try (AlertStore store = db.open();
                 Writer w = out == null ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8) : Files.newBufferedWriter(out)) {
                switch (rows) {
                    case "events" -> AlertExport.events(store.events(bed, f, t), format, w);
                    case "alerts" -> AlertExport.alerts(store.alerts(bed, f, t), store.outcomes(bed, f, t), format, w);
                    default -> throw new IllegalArgumentException("--rows must be events or alerts, got " + rows);
                }
            }
            return 0;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = {"Alerts per bed per day and acknowledgement times,",
            "then the nurses' answers per bed, per rule and per shift: alerts per bed-hour, share confirmed and false, alerts that ended unseen, time to acknowledge."})
    static class Stats implements Callable<Integer> {
        @picocli.CommandLine.Mixin DbOption db = new DbOption();
        @Option(names = "--from") String from;
        @Option(names = "--to") String to;
        @Option(names = "--bed") String bed;
        @Option(names = "--json", description = "Print the nurse-feedback figures (per bed, rule and shift) as JSON only.") boolean json;
        @Option(names = "--rules", paramLabel = "DIR|FILE", description = "Alert config whose shifts and zone group the figures (default "
                + Defaults.RULES_TEXT + " when it exists; else no shifts, this machine's zone).") Path rulesDir;
        @Option(names = "--jsonl", paramLabel = "FILE", defaultValue = Defaults.MONITOR_OUT_TEXT, description = "The monitor's JSON-lines file, for its size (default ${DEFAULT-VALUE}).") Path jsonl;

        @Override
        public Integer call() throws Exception {
            List<Alert> alerts;
            org.vigil.alerts.FeedbackStats.Report report;
            java.time.ZoneId zone = ZoneId.systemDefault();
            List<org.vigil.alerts.FeedbackStats.Shift> shifts = List.of();
            Path rp = rulesDir != null ? rulesDir : Files.exists(Defaults.RULES) ? Defaults.RULES : null;
            if (rp != null) {
                try {
                    RuleSet rs = ConfigLoader.loadDirectory(rp);
                    zone = rs.zone();
                    shifts = rs.shifts().stream().map(s -> new org.vigil.alerts.FeedbackStats.Shift(s.name(), s.from(), s.to())).toList();
                } catch (ConfigException e) {
                    System.err.println("--rules " + rp + ": " + e.getMessage());
                    return 2;
                }
            }
            try (AlertStore store = db.open()) {
                Instant f = parseTime(from, false, "--from"), t = parseTime(to, true, "--to");
                alerts = store.alerts(bed, f, t);
                // Without --from/--to the window is the history's: first alert to now.
                Instant wFrom = from != null ? f : alerts.stream().map(Alert::raisedAt).min(Instant::compareTo).orElse(Instant.now());
                Instant wTo = to != null ? t : Instant.now();
                java.util.Set<String> beds = new java.util.TreeSet<>();
                if (bed != null) beds.add(bed);
                else alerts.forEach(a -> beds.add(a.bed()));
                report = org.vigil.alerts.FeedbackStats.compute(alerts, store.outcomes(bed, f, t), beds, wFrom, wTo, zone, shifts);
            }
            if (json) {
                System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(report.toMap()));
                return 0;
            }
            PrintStream o = System.out;
            o.println("Alerts per bed per day (" + ZoneId.systemDefault() + ")");
            o.printf(Locale.ROOT, "%-12s %-10s %6s  %s%n", "bed", "day", "total", "by kind");
            for (AlertStats.Day d : AlertStats.perBedPerDay(alerts, ZoneId.systemDefault())) {
                o.printf(Locale.ROOT, "%-12s %-10s %6d  %s%n", d.bed(), d.day(), d.total(), d.counts());
            }
            o.println();
            o.println("Acknowledgement times (seconds from raise to acknowledgement)");
            o.printf(Locale.ROOT, "%-12s %7s %7s %8s %8s %8s%n", "bed", "alerts", "acked", "median", "p90", "max");
            for (AlertStats.AckTimes a : AlertStats.acknowledgementTimes(alerts)) {
                o.printf(Locale.ROOT, "%-12s %7d %7d %8s %8s %8s%n", a.bed(), a.alerts(), a.acknowledged(), f(a.median()), f(a.p90()), f(a.max()));
            }
            o.println();
            printFeedback(o, report);
            try (AlertStore store = db.open()) {
                StorageSizes.print(o, store, jsonl, org.vigil.app.LogFiles.configuredDir());
            }
            return 0;
        }

        static void printFeedback(PrintStream o, org.vigil.alerts.FeedbackStats.Report r) {
            o.printf(Locale.ROOT, "Nurse feedback, clinical alerts, %s to %s, %d bed(s) (bed-hours: each bed the whole window;"
                    + " shares: of the judged = confirmed + false)%n", r.from(), r.to(), r.beds());
            String head = String.format(Locale.ROOT, "%-22s %6s %9s %8s %6s %6s %6s %6s %7s %7s %6s %6s %9s", "", "alerts", "bed-hours",
                    "per b-h", "conf", "false", "n/chk", "none", "conf%", "false%", "ended", "unseen", "ack med s");
            o.println(head.replaceFirst("^ {4}", "ward"));
            row(o, "", r.ward());
            section(o, "per bed", r.perBed(), r.bedByShift());
            section(o, "per rule", r.perRule(), r.ruleByShift());
            o.println("per shift");
            for (var x : r.perShift()) row(o, "  ", x);
        }

        private static void section(PrintStream o, String title, List<org.vigil.alerts.FeedbackStats.Row> rows,
                                    java.util.Map<String, List<org.vigil.alerts.FeedbackStats.Row>> byShift) {
            o.println(title);
            for (var x : rows) {
                row(o, "  ", x);
                for (var s : byShift.getOrDefault(x.key(), List.of())) row(o, "    ", s);
            }
        }

        private static void row(PrintStream o, String indent, org.vigil.alerts.FeedbackStats.Row x) {
            o.printf(Locale.ROOT, "%-22s %6d %9.1f %8s %6d %6d %6d %6d %7s %7s %6d %6d %9s%n", indent + x.key(), x.alerts(), x.bedHours(),
                    Double.isNaN(x.perBedHour()) ? "-" : String.format(Locale.ROOT, "%.3f", x.perBedHour()), x.confirmed(), x.falseAlarms(),
                    x.notChecked(), x.noAnswer(), pct(x.confirmedShare()), pct(x.falseShare()), x.endedUnseen(), x.stillUnseen(),
                    f(x.ackMedianS()));
        }

        private static String pct(double v) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
        }

        private static String f(double v) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Replay scores timelines (JSON lines of {t, assessability, emotions}, e.g. monitor output) through rule configs.")
    static class Replay implements Callable<Integer> {
        private static String secs(double v) {
            return Double.isNaN(v) ? "none" : String.format(Locale.ROOT, "%.1f s", v);
        }

        @Option(names = "--rules", required = true, split = ",", paramLabel = "DIR|FILE", description = "One or more configs (folders or YAML files) to compare.")
        List<Path> rules;
        @Parameters(paramLabel = "TIMELINE", arity = "1..*", description = "JSON lines files, one clip each.")
        List<Path> timelines;

        @Override
        public Integer call() throws Exception {
            List<List<Observation>> clips = new ArrayList<>();
            for (Path p : timelines) clips.add(AlertReplay.read(p, p.getFileName().toString()));
            System.out.printf(Locale.ROOT, "%-20s %-28s %5s %9s %9s %7s %10s %8s %10s %10s %6s%n", "rules", "timeline", "beds",
                    "seconds", "assess.s", "alerts", "alerts/h", "alerted", "1st alert", "median 1st", "peak");
            for (Path r : rules) {
                RuleSet rs;
                try {
                    rs = ConfigLoader.loadDirectory(r);
                } catch (ConfigException e) {
                    System.err.println(e.getMessage());
                    return 1;
                }
                for (int i = 0; i < clips.size(); i++) {
                    AlertReplay.Result res = AlertReplay.replay(timelines.get(i).getFileName().toString(), rs, clips.get(i));
                    System.out.printf(Locale.ROOT, "%-20s %-28s %5d %9.1f %9.1f %7d %10.1f %8s %10s %10s %6.2f%n", r.getFileName(), res.name(),
                            res.beds(), res.duration(), res.assessable(), res.raised(), res.alertsPerHour(),
                            res.bedsAlerted() + "/" + res.beds(), secs(res.firstAlert()), secs(res.medianFirstAlert()), res.peakScore());
                }
            }
            return 0;
        }
    }

    @Command(name = "fer-streams", mixinStandardHelpOptions = true,
            description = {"Synthetic still-face score timelines for replay: each patient is one test face classified --fps times a second"
                    + " with camera-like jitter, smoothed like the pipeline.",
                    "FER+ folder (has label.csv): calm = at least --min-votes of 10 votes for neutral, or for happiness;"
                    + " distress = at least --min-votes for sadness, or for anger.",
                    "FER-2013 folder: calm = neutral/ and happy/, distress = sad/ and angry/."})
    static class FerStreamsCmd implements Callable<Integer> {
        /** FER+ test (= FER-2013 PrivateTest, crowd-labelled): unseen by models trained on FER-2013 or FER+ train. */
        static final String DEFAULT_FER = "data/ferplus/test";

        @Option(names = "--model", required = true, paramLabel = "FILE", description = "Emotion model (.vigil or Keras .h5/.hdf5).")
        Path model;
        @Option(names = "--fer", paramLabel = "DIR", description = "FER+ folder (with label.csv) or FER-2013 test folder (class sub-folders)."
                + " Default: $VIGIL_SHARED/" + DEFAULT_FER + " (FER+; the FER-2013 still-face figures in docs/alerts.md used $VIGIL_SHARED/data/fer2013/test).")
        Path fer;
        @Option(names = "--min-votes", defaultValue = "" + StillFaceGroup.DEFAULT_MIN_VOTES, paramLabel = "N",
                description = "FER+ only: votes of 10 a face needs for one of its group's emotions, " + StillFaceGroup.LOWEST_MIN_VOTES
                        + "-10 (default ${DEFAULT-VALUE}).")
        int minVotes;
        @Option(names = "--patients", defaultValue = "60", description = "Synthetic patients per group (default ${DEFAULT-VALUE}).")
        int patients;
        @Option(names = "--seconds", defaultValue = "60", description = "Seconds per patient (default ${DEFAULT-VALUE}).")
        double seconds;
        @Option(names = "--fps", defaultValue = "2", description = "Classifications per second (default ${DEFAULT-VALUE}).")
        double fps;
        @Option(names = "--seed", defaultValue = "7", description = "Draw and jitter seed (default ${DEFAULT-VALUE}); distress uses seed+1.")
        long seed;
        @Option(names = "--out-dir", defaultValue = "runs/timelines", description = "Writes fer-calm.jsonl and fer-distress.jsonl here (default ${DEFAULT-VALUE}).")
        Path outDir;

        @Override
        public Integer call() throws Exception {
            Path ferDir = fer != null ? fer : SharedData.root().resolve(DEFAULT_FER);
            if (!Files.isDirectory(ferDir)) {
                System.err.println("--fer " + ferDir + ": no such folder (FER+ with label.csv, or FER-2013 test with class folders)");
                return 2;
            }
            String kind = FerPlusLoader.isFerPlus(ferDir) ? "FER+ (>= " + minVotes + " of 10 votes)" : "FER-2013 class folders";
            try (org.vigil.classify.EmotionModel m = org.vigil.classify.ModelLoader.load(model)) {
                long t0 = System.nanoTime();
                FerStreams.write(m, ferDir, StillFaceGroup.CALM, minVotes, patients, seconds, fps, seed, 1.5,
                        outDir.resolve("fer-calm.jsonl"));
                FerStreams.write(m, ferDir, StillFaceGroup.DISTRESS, minVotes, patients, seconds, fps, seed + 1, 1.5,
                        outDir.resolve("fer-distress.jsonl"));
                System.err.printf(Locale.ROOT, "wrote %s and %s from %s, %s, in %.0f s%n", outDir.resolve("fer-calm.jsonl"),
                        outDir.resolve("fer-distress.jsonl"), ferDir, kind, (System.nanoTime() - t0) / 1e9);
            } catch (IllegalArgumentException | java.io.IOException | org.vigil.data.DataFormatException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            return 0;
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true, description = "Alerts not yet resolved (what a restarted Vigil shows again).")
    static class Open implements Callable<Integer> {
        @picocli.CommandLine.Mixin DbOption db = new DbOption();

        @Override
        public Integer call() throws Exception {
            try (AlertStore store = db.open()) {
                List<Alert> open = store.openAlerts();
                for (Alert a : open) {
                    System.out.printf(Locale.ROOT, "%s  %-10s %-14s %-6s %-12s raised %s%s  %s%n", a.id(), a.bed(), a.kind(),
                            a.priority().name().toLowerCase(Locale.ROOT), a.state().name().toLowerCase(Locale.ROOT), a.raisedAt(),
                            a.ackedBy() == null ? "" : " acked by " + a.ackedBy(), a.message());
                }
                System.err.println(open.size() + " open alert(s)");
                List<Alert> unseen = store.endedUnseen();
                for (Alert a : unseen) {
                    System.out.printf(Locale.ROOT, "%s  %-10s %-14s %-6s %-12s raised %s  %s%n", a.id(), a.bed(), a.kind(),
                            a.priority().name().toLowerCase(Locale.ROOT), "ended — not yet seen", a.raisedAt(), a.message());
                }
                if (!unseen.isEmpty()) System.err.println(unseen.size() + " alert(s) ended before anyone saw them");
            }
            return 0;
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = {"Say what an alert was: distress confirmed, a false alarm (optionally why) or not checked; stored with"
                    + " who and when. An alert that ended unseen counts as seen from then on.",
                    "Open alerts belong to the running Vigil: resolve those on the dashboard (this command then refuses)."})
    static class Resolve implements Callable<Integer> {
        @picocli.CommandLine.Mixin DbOption db = new DbOption();
        @Parameters(index = "0", paramLabel = "ALERT_ID", description = "The alert's id (alerts open / alerts export --rows alerts).")
        String id;
        @Option(names = "--outcome", required = true, paramLabel = "OUTCOME", description = "confirmed, false-alarm or not-checked.")
        String outcome;
        @Option(names = "--reason", paramLabel = "REASON",
                description = "Only with false-alarm: resting-face, talking-eating, pain-or-effort, not-the-patient or poor-light.")
        String reason;
        @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who says so (kept in the audit trail).")
        String by;

        @Override
        public Integer call() throws Exception {
            org.vigil.alerts.AlertFeedback f;
            try {
                org.vigil.alerts.Outcome o = org.vigil.alerts.Outcome.fromWire(outcome);
                f = new org.vigil.alerts.AlertFeedback(id, o, reason == null ? null : org.vigil.alerts.FalseAlarmReason.fromWire(reason),
                        by, Instant.now());
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            try (AlertStore store = db.open()) {
                Alert a = store.alert(id).orElse(null);
                if (a == null) {
                    System.err.println("no alert '" + id + "' in " + db.db.toAbsolutePath() + " (ids: ./run.sh alerts open, alerts export --rows alerts)");
                    return 1;
                }
                if (a.open()) {
                    System.err.println("alert " + id + " is still open (" + a.state().name().toLowerCase(Locale.ROOT)
                            + "): the running Vigil owns it; resolve it on the dashboard, which records the outcome too");
                    return 1;
                }
                boolean wasUnseen = store.isUnseen(id);
                if (wasUnseen) {
                    store.acknowledgeEnded(new org.vigil.alerts.AlertEvent(a.id(), a.bed(), a.kind(), a.priority(),
                            org.vigil.alerts.AlertTransition.ACKNOWLEDGED, a.raisedT(), f.at(), a.emotions(), a.ruleId(),
                            "seen by " + by + " after it ended: " + f.describe(), by), f);
                } else {
                    store.recordOutcome(f);
                }
                System.out.printf(Locale.ROOT, "%s  %s %s raised %s: %s, recorded by %s%s%n", a.id(), a.bed(), a.kind(), a.raisedAt(),
                        f.describe(), by, wasUnseen ? " (it had ended unseen: now seen)" : "");
            }
            return 0;
        }
    }

    @Command(name = "outcomes", mixinStandardHelpOptions = true, description = "Every outcome nurses gave, oldest first (the audit trail of answers).")
    static class Outcomes implements Callable<Integer> {
        @picocli.CommandLine.Mixin DbOption db = new DbOption();
        @Option(names = "--bed", description = "Only this bed.") String bed;

        @Override
        public Integer call() throws Exception {
            try (AlertStore store = db.open()) {
                for (org.vigil.alerts.AlertFeedback f : store.outcomeLog(bed)) {
                    System.out.printf(Locale.ROOT, "%s  %s  %-40s by %s%n", f.at(), f.alertId(), f.describe(), f.by());
                }
            }
            return 0;
        }
    }

    @Command(name = "config-log", mixinStandardHelpOptions = true, description = "Applied and rejected alert-config changes, with diffs and errors.")
    static class ConfigLog implements Callable<Integer> {
        @picocli.CommandLine.Mixin DbOption db = new DbOption();

        @Override
        public Integer call() throws Exception {
            try (AlertStore store = db.open()) {
                store.configChanges().forEach(System.out::println);
            }
            return 0;
        }
    }
}
