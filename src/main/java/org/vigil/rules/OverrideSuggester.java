package org.vigil.rules;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.vigil.alerts.Alert;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertFeedback;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertStore;
import org.vigil.alerts.AlertTransition;
import org.vigil.alerts.Outcome;
import org.vigil.alerts.ScoreHistory;
import org.vigil.alerts.ScoreSample;
import org.vigil.base.Defaults;

/**
 * Learns from the nurses' answers, never silently: for a bed whose last judged distress alerts hold
 * too many false alarms ({@link SuggestConfig}), replays the bed's recorded scores ({@link ScoreHistory})
 * over the period of those alerts through candidate per-bed overrides (a higher start threshold, a longer
 * persistence, both, or the baseline) and proposes the one that removes the most false alarms while still
 * raising every confirmed one. Says plainly when none can.
 *
 * <p>Replays first run the bed's current settings: a recorded alert counts only when that replay raises it
 * again (the history covers it and the settings have not changed since); the candidates are judged on
 * those alerts. The replay clock follows each sample's wall time, so night-shift overrides apply as they
 * did.
 */
public final class OverrideSuggester {
    /** A replayed raise this close to the recorded one (wall time) is the same alert: samples are a second apart. */
    static final Duration MATCH = Duration.ofSeconds(15);
    /**
     * A candidate still raises an alert when it raises within that alert's episode on the current settings' replay:
     * from its raise less the persistence (when the episode began to build) to its end, give or take this (sampling).
     */
    static final Duration SLACK = Duration.ofSeconds(3);
    /** Replays start this long before the first alert, so that episodes and a baseline can build as they did live. */
    static final Duration LEAD = Duration.ofMinutes(10);
    /** ...and run this long after the last one's end. */
    static final Duration TAIL = Duration.ofMinutes(10);
    /** Candidate steps: start threshold raised by these... */
    static final double[] START_STEPS = {0.05, 0.10, 0.15, 0.20};
    /** ...persistence multiplied by these... */
    static final double[] PERSIST_FACTORS = {1.5, 2, 3};
    /** ...and a start threshold never above this (a rule that cannot fire is no suggestion). */
    static final double START_MAX = 0.95;

    private OverrideSuggester() {}

    /**
     * One candidate's replay over the bed's judged alerts.
     *
     * @param cost          how big a change it is (ties go to the smaller change)
     * @param falseRemoved  false alarms (of those the current settings raise again) it no longer raises
     * @param confirmedKept confirmed alerts (of those the current settings raise again) it still raises
     * @param raised        distress alerts it raises over the whole replay
     */
    public record Candidate(BedOverride override, String change, int cost, int falseRemoved, int confirmedKept, int raised) {}

    /**
     * What the suggester found for one bed.
     *
     * @param judged            judged alerts looked at (the last {@code lastAlerts})
     * @param falseAlarms       false alarms among them
     * @param confirmed         confirmed among them
     * @param falseReplayed     false alarms the current settings raise again on the recorded scores
     * @param confirmedReplayed confirmed alerts the current settings raise again
     * @param currentRaised     distress alerts the current settings raise over the replay
     * @param samples           recorded samples replayed
     * @param best              the suggestion, null when there is none
     * @param cannot            why there is none (null when there is)
     */
    public record Suggestion(String bed, String ruleId, int judged, int falseAlarms, int confirmed, double falseShare,
                             Instant from, Instant to, int samples, int falseReplayed, int confirmedReplayed, int currentRaised,
                             String current, List<Candidate> candidates, Candidate best, String cannot) {
        public Suggestion {
            candidates = List.copyOf(candidates);
        }

        public boolean actionable() {
            return best != null;
        }

        /** One line for people: what to change and what it would have done, or why nothing is suggested. */
        public String summary() {
            if (best == null) return bed + ": cannot suggest an override: " + cannot;
            return String.format(java.util.Locale.ROOT,
                    "%s: %s (rule %s) — on the recorded scores it removes %d of %d false alarms and still raises %d of %d confirmed alerts",
                    bed, best.change(), ruleId, best.falseRemoved(), falseReplayed, best.confirmedKept(), confirmedReplayed);
        }
    }

    /**
     * Suggestions for every bed with judged alerts (or only {@code bed}), each bed whose false-alarm share
     * passes the limit; beds under the limit are left out unless asked for by name.
     */
    public static List<Suggestion> suggest(RuleSet rules, AlertStore store, ScoreHistory history, String bed, Instant now)
            throws SQLException {
        List<Alert> all = store.alerts(bed, Instant.EPOCH, now.plusSeconds(1));
        Map<String, AlertFeedback> outcomes = store.outcomes(bed, Instant.EPOCH, now.plusSeconds(1));
        TreeSet<String> beds = new TreeSet<>();
        all.forEach(a -> beds.add(a.bed()));
        if (bed != null) beds.add(bed);
        List<Suggestion> out = new ArrayList<>();
        for (String b : beds) {
            List<Alert> judged = lastJudged(all, outcomes, b, rules.suggest().lastAlerts());
            if (judged.isEmpty()) {
                if (bed != null) out.add(none(b, "no judged distress alerts for this bed yet (answers: confirmed or false alarm)"));
                continue;
            }
            long falses = judged.stream().filter(a -> outcomes.get(a.id()).outcome() == Outcome.FALSE_ALARM).count();
            double share = (double) falses / judged.size();
            if (judged.size() < Defaults.SUGGEST_MIN_JUDGED || share <= rules.suggest().falseShareAbove()) {
                if (bed != null) {
                    out.add(none(b, String.format(java.util.Locale.ROOT, "%d false of the last %d judged alerts (%.0f%%): a suggestion needs at least %d judged and more than %.0f%% false",
                            falses, judged.size(), 100 * share, Defaults.SUGGEST_MIN_JUDGED, 100 * rules.suggest().falseShareAbove())));
                }
                continue;
            }
            Instant from = judged.get(0).raisedAt().minus(LEAD).minus(Duration.ofSeconds((long) rules.baselineFor(b).calibration()));
            Instant last = judged.stream().map(a -> a.resolvedAt() != null ? a.resolvedAt() : a.raisedAt()).max(Instant::compareTo).orElseThrow();
            Instant to = last.plus(TAIL);
            out.add(evaluate(rules, b, judged, outcomes, history.samples(b, from, to)));
        }
        return out;
    }

    /** The bed's last {@code n} distress alerts with a confirmed or false answer, oldest first. */
    static List<Alert> lastJudged(List<Alert> all, Map<String, AlertFeedback> outcomes, String bed, int n) {
        List<Alert> judged = all.stream()
                .filter(a -> a.bed().equals(bed) && a.kind() == AlertKind.DISTRESS && !a.open())
                .filter(a -> outcomes.containsKey(a.id()) && outcomes.get(a.id()).outcome() != Outcome.NOT_CHECKED)
                .sorted(Comparator.comparing(Alert::raisedAt)).toList();
        return judged.subList(Math.max(0, judged.size() - n), judged.size());
    }

    private static Suggestion none(String bed, String why) {
        return new Suggestion(bed, null, 0, 0, 0, Double.NaN, null, null, 0, 0, 0, 0, null, List.of(), null, why);
    }

    /** Replays the samples through the current settings and every candidate, and picks. */
    public static Suggestion evaluate(RuleSet rules, String bed, List<Alert> judged, Map<String, AlertFeedback> outcomes,
                                      List<ScoreSample> samples) {
        // the rule most of the false alarms came from
        Map<String, Integer> byRule = new LinkedHashMap<>();
        for (Alert a : judged) if (outcomes.get(a.id()).outcome() == Outcome.FALSE_ALARM) byRule.merge(a.ruleId(), 1, Integer::sum);
        String ruleId = byRule.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(judged.get(judged.size() - 1).ruleId());
        List<Alert> ofRule = judged.stream().filter(a -> a.ruleId().equals(ruleId)).toList();
        int falses = (int) judged.stream().filter(a -> outcomes.get(a.id()).outcome() == Outcome.FALSE_ALARM).count();
        int confirmed = judged.size() - falses;
        double share = (double) falses / judged.size();
        Instant from = samples.isEmpty() ? null : samples.get(0).at();
        Instant to = samples.isEmpty() ? null : samples.get(samples.size() - 1).at();
        Optional<DistressRuleConfig> base = rules.rules().stream().filter(r -> r.id().equals(ruleId)).findFirst();
        if (base.isEmpty()) {
            return new Suggestion(bed, ruleId, judged.size(), falses, confirmed, share, from, to, samples.size(), 0, 0, 0, null, List.of(), null,
                    "rule '" + ruleId + "' is no longer in the configuration");
        }
        BedConfig bc = rules.beds().get(bed);
        DistressRuleConfig current = bc != null && bc.rules().containsKey(ruleId) ? base.get().with(bc.rules().get(ruleId)) : base.get();
        String currentText = String.format(java.util.Locale.ROOT, "start %.2f, persist %.0f s%s%s", current.start(), current.persist(),
                current.within() > 0 ? String.format(java.util.Locale.ROOT, " within %.0f s", current.within()) : "",
                rules.baselineFor(bed).enabled() ? ", baseline on" : "");
        if (samples.isEmpty()) {
            return new Suggestion(bed, ruleId, judged.size(), falses, confirmed, share, from, to, 0, 0, 0, 0, currentText, List.of(), null,
                    "no recorded scores for this bed over its judged alerts (the score history keeps "
                            + rules.storage().keepScoreHistoryDays() + " days; storage.keep_score_history_days)");
        }

        Replayed now = replay(rules, samples, ruleId);
        // each recorded alert of the rule that the current settings raise again: its episode on the replay
        Map<Alert, Instant[]> windows = new LinkedHashMap<>();
        for (Alert a : ofRule) {
            now.raises.stream().filter(r -> Duration.between(a.raisedAt(), r[0]).abs().compareTo(MATCH) <= 0)
                    .min(Comparator.comparing(r -> Duration.between(a.raisedAt(), r[0]).abs()))
                    .ifPresent(r -> windows.put(a, new Instant[] {r[0].minus(Duration.ofMillis((long) (current.persist() * 1000))).minus(SLACK),
                            r[1].plus(SLACK)}));
        }
        int falseReplayed = (int) windows.keySet().stream().filter(a -> outcomes.get(a.id()).outcome() == Outcome.FALSE_ALARM).count();
        int confirmedReplayed = windows.size() - falseReplayed;
        if (falseReplayed == 0) {
            return new Suggestion(bed, ruleId, judged.size(), falses, confirmed, share, from, to, samples.size(), 0, confirmedReplayed,
                    now.raises.size(), currentText, List.of(), null,
                    "the current settings (" + currentText + ") no longer raise any of the " + falses
                            + " false alarms on the recorded scores (settings changed since, or the history does not cover them)");
        }

        List<Candidate> cands = new ArrayList<>();
        for (BedOverride ov : candidates(rules, bed, current)) {
            Replayed r = replay(ov.applyTo(rules), samples, ruleId);
            int removed = 0, kept = 0;
            for (Map.Entry<Alert, Instant[]> w : windows.entrySet()) {
                boolean raised = r.raises.stream().anyMatch(x -> !x[0].isBefore(w.getValue()[0]) && !x[0].isAfter(w.getValue()[1]));
                boolean isFalse = outcomes.get(w.getKey().id()).outcome() == Outcome.FALSE_ALARM;
                if (isFalse && !raised) removed++;
                if (!isFalse && raised) kept++;
            }
            cands.add(new Candidate(ov, ov.describe(current), cost(ov, current), removed, kept, r.raises.size()));
        }
        Candidate best = cands.stream().filter(c -> c.falseRemoved() > 0 && c.confirmedKept() == confirmedReplayed)
                .max(Comparator.comparingInt(Candidate::falseRemoved).thenComparing(Comparator.comparingInt(Candidate::cost).reversed())
                        .thenComparing(Comparator.comparingInt(Candidate::raised).reversed()))
                .orElse(null);
        String cannot = null;
        if (best == null) {
            Candidate closest = cands.stream().filter(c -> c.falseRemoved() > 0)
                    .max(Comparator.comparingInt(Candidate::confirmedKept).thenComparingInt(Candidate::falseRemoved)).orElse(null);
            cannot = closest == null
                    ? "no candidate (higher start, longer persistence, baseline) removes any of the " + falseReplayed + " false alarms"
                    : String.format(java.util.Locale.ROOT,
                    "every candidate that removes a false alarm also misses a confirmed one (closest: %s removes %d of %d false but raises only %d of %d confirmed)",
                    closest.change(), closest.falseRemoved(), falseReplayed, closest.confirmedKept(), confirmedReplayed);
        }
        return new Suggestion(bed, ruleId, judged.size(), falses, confirmed, share, from, to, samples.size(), falseReplayed, confirmedReplayed,
                now.raises.size(), currentText, cands, best, cannot);
    }

    /** Higher start, longer persistence, both, and the baseline (when off); each a change from {@code r}, the bed's current rule. */
    static List<BedOverride> candidates(RuleSet rules, String bed, DistressRuleConfig r) {
        List<BedOverride> out = new ArrayList<>();
        List<Map<String, Object>> starts = new ArrayList<>();
        for (double s : START_STEPS) {
            double v = Math.round((r.start() + s) * 100) / 100.0;
            if (v <= START_MAX) starts.add(Map.of("start", v));
        }
        List<Map<String, Object>> persists = new ArrayList<>();
        for (double f : PERSIST_FACTORS) {
            double p = Math.ceil(r.persist() * f);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("persist", p);
            if (r.within() > 0 && r.within() < p) m.put("within", p); // 'within' may not be shorter than 'persist'
            persists.add(m);
        }
        starts.forEach(s -> out.add(new BedOverride(bed, r.id(), s, false)));
        persists.forEach(p -> out.add(new BedOverride(bed, r.id(), p, false)));
        for (Map<String, Object> s : starts) {
            for (Map<String, Object> p : persists) {
                Map<String, Object> m = new LinkedHashMap<>(s);
                m.putAll(p);
                out.add(new BedOverride(bed, r.id(), m, false));
            }
        }
        if (!rules.baselineFor(bed).enabled()) out.add(new BedOverride(bed, r.id(), Map.of(), true));
        return out;
    }

    /** Steps away from the current rule: each 0.05 of start and each step of persistence counts one, the baseline two. */
    static int cost(BedOverride ov, DistressRuleConfig r) {
        int c = ov.baselineOn() ? 2 : 0;
        if (ov.fields().get("start") instanceof Double s) c += (int) Math.round((s - r.start()) / 0.05);
        if (ov.fields().get("persist") instanceof Double p) {
            for (double f : PERSIST_FACTORS) if (p > Math.ceil(r.persist() * f) - 1e-9) c++;
        }
        return c;
    }

    /** Distress raises of one rule in a replay: {raise time, end time} (end = the last sample when it never ended). */
    private record Replayed(List<Instant[]> raises) {}

    private static Replayed replay(RuleSet rules, List<ScoreSample> samples, String ruleId) {
        ReplayClock clock = new ReplayClock(rules.zone());
        AlertManager alerts = AlertManager.quietInMemory(clock);
        AlarmEngine engine = new AlarmEngine(rules, alerts, clock);
        Map<String, Instant[]> open = new LinkedHashMap<>();
        List<Instant[]> raises = new ArrayList<>();
        boolean latched = rules.rules().stream().anyMatch(r -> r.latched());
        for (ScoreSample s : samples) {
            clock.at = s.at();
            Assessability a;
            try {
                a = Assessability.fromWire(s.assessability());
            } catch (IllegalArgumentException e) {
                a = Assessability.OK; // a state written by a newer Vigil: judged on its scores
            }
            for (AlertEvent e : engine.observe(new Observation(s.bed(), s.t(), a, a.assessable() ? s.emotions() : Map.of(), 1))) {
                if (e.kind() != AlertKind.DISTRESS || !e.ruleId().equals(ruleId)) continue;
                if (e.transition() == AlertTransition.RAISED && !open.containsKey(e.alertId())) {
                    Instant[] w = {s.at(), null};
                    open.put(e.alertId(), w);
                    raises.add(w);
                } else if (e.transition() == AlertTransition.RESOLVED && open.containsKey(e.alertId())) {
                    open.remove(e.alertId())[1] = s.at();
                }
            }
            if (latched) {
                // a latched alert waits for a nurse; the replay resolves it when its condition ends, as a nurse would
                for (Alert o : alerts.openAlerts()) {
                    if (o.kind() == AlertKind.DISTRESS && !o.conditionActive()) {
                        alerts.resolve(o.id(), "replay", "condition ended").ifPresent(e -> {
                            Instant[] w = open.remove(e.alertId());
                            if (w != null) w[1] = s.at();
                        });
                    }
                }
            }
        }
        Instant end = samples.get(samples.size() - 1).at();
        for (Instant[] w : raises) if (w[1] == null) w[1] = end;
        return new Replayed(raises);
    }

    /** The wall clock of a replay: each sample's recorded time (shifts apply as they did live). */
    private static final class ReplayClock extends Clock {
        private final ZoneId zone;
        Instant at = Instant.EPOCH;

        ReplayClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
            ReplayClock c = new ReplayClock(z);
            c.at = at;
            return c;
        }

        @Override
        public Instant instant() {
            return at;
        }
    }
}
