package org.vigil.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertTransition;
import org.vigil.rules.AlarmEngine;
import org.vigil.rules.DistressRuleConfig;
import org.vigil.rules.Observation;
import org.vigil.rules.ObservationLines;
import org.vigil.rules.RuleSet;

/**
 * Replays a scores timeline (JSON lines of {t, assessability, emotions}; the status lines of
 * {@code ./run.sh monitor} qualify) through a fresh in-memory engine, to compare rule
 * sensitivities on recorded clips: distress alerts raised, false alerts per hour on calm
 * clips, time to the first alert on distress clips. The wall clock is fixed at noon in the rules'
 * zone (the machine's unless they name one) so that night-shift overrides never apply to a replay.
 */
public final class AlertReplay {
    /** Noon of a fixed day in the zone: day-shift rules, wherever the replay runs. */
    public static Clock noonIn(ZoneId zone) {
        return Clock.fixed(LocalDate.of(2026, 1, 1).atTime(12, 0).atZone(zone).toInstant(), zone);
    }

    /**
     * Totals over all beds of a timeline.
     *
     * @param beds        beds (clips or synthetic patients) in the timeline
     * @param duration    stream seconds covered, summed over beds
     * @param assessable  seconds with an assessable face, summed over beds
     * @param raised      distress alerts raised
     * @param bedsAlerted beds with at least one distress alert
     * @param firstAlerts per alerted bed: seconds from its first observation to its first alert
     * @param peakScore   highest score of the first rule seen (assessable observations)
     * @param aboveStart  seconds the first rule's score was at or above its start threshold
     */
    public record Result(String name, int beds, double duration, double assessable, int raised, int bedsAlerted,
                         List<Double> firstAlerts, double peakScore, double aboveStart, List<AlertEvent> events) {
        /** Distress alerts per hour of assessable observation (NaN without any). */
        public double alertsPerHour() {
            return assessable <= 0 ? Double.NaN : raised * 3600.0 / assessable;
        }

        public double firstAlert() {
            return firstAlerts.isEmpty() ? Double.NaN : firstAlerts.get(0);
        }

        public double medianFirstAlert() {
            if (firstAlerts.isEmpty()) return Double.NaN;
            List<Double> s = new ArrayList<>(firstAlerts);
            java.util.Collections.sort(s);
            return s.get((s.size() - 1) / 2);
        }
    }

    private AlertReplay() {}

    /**
     * Reads a timeline; lines with a "type" other than "status" (alerts, summaries) are skipped.
     * Each line's "bed" is kept (several beds or synthetic patients per file); {@code bed} is used
     * for lines without one.
     */
    public static List<Observation> read(Path file, String bed) throws IOException {
        try {
            return ObservationLines.read(file, bed);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    public static Result replay(String name, RuleSet rules, List<Observation> timeline) {
        Clock noon = noonIn(rules.zone());
        AlarmEngine engine = new AlarmEngine(rules, AlertManager.inMemory(noon), noon);
        List<AlertEvent> events = new ArrayList<>();
        DistressRuleConfig first = rules.rules().get(0);
        Map<String, double[]> span = new java.util.LinkedHashMap<>(); // bed -> {first t, last t}
        Map<String, Double> firstAlert = new java.util.LinkedHashMap<>();
        double assessable = 0, above = 0, peak = 0;
        int raised = 0;
        for (Observation o : timeline) {
            double[] sp = span.computeIfAbsent(o.bed(), k -> new double[] {o.t(), o.t()});
            double dt = Math.max(0, Math.min(2.0, o.t() - sp[1]));
            sp[1] = o.t();
            if (o.assessability().assessable()) {
                assessable += dt;
                double s = first.combine().apply(first.emotions(), o::p);
                peak = Math.max(peak, s);
                if (s >= first.start()) above += dt;
            }
            for (AlertEvent e : engine.observe(o)) {
                events.add(e);
                // distress alerts only: a frequent-distress alert is about the others, not one more episode
                if (e.kind() == org.vigil.alerts.AlertKind.DISTRESS && e.transition() == AlertTransition.RAISED) {
                    raised++;
                    firstAlert.putIfAbsent(e.bed(), e.t() - sp[0]);
                }
            }
        }
        double duration = span.values().stream().mapToDouble(sp -> sp[1] - sp[0]).sum();
        return new Result(name, span.size(), duration, assessable, raised, firstAlert.size(), List.copyOf(firstAlert.values()),
                peak, above, events);
    }
}
