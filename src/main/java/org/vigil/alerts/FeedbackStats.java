package org.vigil.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.vigil.base.NearestRank;

/**
 * What the ward's answers say, per bed, per rule and per shift (and each of those by shift), for the
 * clinical alerts (distress, frequent distress) raised in a time window.
 *
 * <p>Definitions: <b>bed-hours</b> = beds x hours of the window (in the shift, for a shift row): every
 * bed is taken as monitored the whole window. <b>Judged</b> = confirmed + false alarm; the shares are
 * of the judged alerts ("not checked" and no answer say nothing either way). <b>Ended unseen</b> = the
 * system ended it before anyone acknowledged it (acknowledged later or not at all); <b>still unseen</b>
 * = nobody has acknowledged it yet. <b>Time to acknowledge</b> = wall seconds from raise to the
 * acknowledgement, median by nearest rank, over acknowledged alerts.
 */
public final class FeedbackStats {
    /** A named time of day; from after to wraps past midnight; from = to covers the whole day. */
    public record Shift(String name, LocalTime from, LocalTime to) {
        public boolean covers(LocalTime t) {
            if (from.equals(to)) return true;
            if (from.isBefore(to)) return !t.isBefore(from) && t.isBefore(to);
            return !t.isBefore(from) || t.isBefore(to);
        }
    }

    /** The hours no configured shift covers. */
    public static final String REST = "rest of day";

    public record Row(String key, int alerts, double bedHours, int confirmed, int falseAlarms, int notChecked,
                      int endedUnseen, int stillUnseen, int acknowledged, double ackMedianS, Map<String, Integer> falseReasons) {
        public int judged() {
            return confirmed + falseAlarms;
        }

        public int noAnswer() {
            return alerts - confirmed - falseAlarms - notChecked;
        }

        public double perBedHour() {
            return bedHours > 0 ? alerts / bedHours : Double.NaN;
        }

        public double confirmedShare() {
            return judged() > 0 ? (double) confirmed / judged() : Double.NaN;
        }

        public double falseShare() {
            return judged() > 0 ? (double) falseAlarms / judged() : Double.NaN;
        }

        /** Plain values for JSON (NaN as null). */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", key);
            m.put("alerts", alerts);
            m.put("bedHours", num(bedHours));
            m.put("alertsPerBedHour", num(perBedHour()));
            m.put("confirmed", confirmed);
            m.put("falseAlarms", falseAlarms);
            m.put("notChecked", notChecked);
            m.put("noAnswer", noAnswer());
            m.put("confirmedShare", num(confirmedShare()));
            m.put("falseShare", num(falseShare()));
            m.put("falseReasons", falseReasons);
            m.put("endedUnseen", endedUnseen);
            m.put("stillUnseen", stillUnseen);
            m.put("acknowledged", acknowledged);
            m.put("ackMedianSeconds", num(ackMedianS));
            return m;
        }
    }

    /** The figures; {@code byShift} maps a bed or rule to its rows per shift. */
    public record Report(Instant from, Instant to, int beds, Row ward, List<Row> perBed, List<Row> perRule, List<Row> perShift,
                         Map<String, List<Row>> bedByShift, Map<String, List<Row>> ruleByShift) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", from.toString());
            m.put("to", to.toString());
            m.put("beds", beds);
            m.put("ward", ward.toMap());
            m.put("perBed", rows(perBed, bedByShift));
            m.put("perRule", rows(perRule, ruleByShift));
            m.put("perShift", perShift.stream().map(Row::toMap).toList());
            return m;
        }

        private static List<Map<String, Object>> rows(List<Row> rows, Map<String, List<Row>> byShift) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Row r : rows) {
                Map<String, Object> m = r.toMap();
                m.put("byShift", byShift.getOrDefault(r.key(), List.of()).stream().map(Row::toMap).toList());
                out.add(m);
            }
            return out;
        }
    }

    private FeedbackStats() {}

    /**
     * @param alerts     alerts raised in [from, to) (technical ones are left out here)
     * @param outcomes   alert id -> the nurse's answer
     * @param beds       the beds monitored in the window (bed-hours count each)
     * @param shifts     named times of day; an alert belongs to the first that covers its raise time, else {@link #REST}
     */
    public static Report compute(List<Alert> alerts, Map<String, AlertFeedback> outcomes, Set<String> beds, Instant from, Instant to,
                                 ZoneId zone, List<Shift> shifts) {
        List<Alert> clinical = alerts.stream().filter(a -> !a.kind().technical()).toList();
        Map<String, Double> shiftHours = shiftHours(from, to, zone, shifts);
        double hours = Duration.between(from, to).toMillis() / 3_600_000.0;
        int n = beds.size();
        Function<Alert, String> shiftOf = a -> shiftOf(a.raisedAt().atZone(zone).toLocalTime(), shifts);

        Row ward = row("ward", clinical, n * hours, outcomes);
        List<Row> perBed = new ArrayList<>();
        Map<String, List<Row>> bedByShift = new LinkedHashMap<>();
        for (String bed : new java.util.TreeSet<>(beds)) {
            List<Alert> mine = clinical.stream().filter(a -> a.bed().equals(bed)).toList();
            perBed.add(row(bed, mine, hours, outcomes));
            bedByShift.put(bed, byShift(mine, shiftOf, shiftHours, 1, outcomes));
        }
        List<Row> perRule = new ArrayList<>();
        Map<String, List<Row>> ruleByShift = new LinkedHashMap<>();
        for (Map.Entry<String, List<Alert>> e : group(clinical, Alert::ruleId).entrySet()) {
            perRule.add(row(e.getKey(), e.getValue(), n * hours, outcomes));
            ruleByShift.put(e.getKey(), byShift(e.getValue(), shiftOf, shiftHours, n, outcomes));
        }
        return new Report(from, to, n, ward, perBed, perRule, byShift(clinical, shiftOf, shiftHours, n, outcomes), bedByShift, ruleByShift);
    }

    private static List<Row> byShift(List<Alert> alerts, Function<Alert, String> shiftOf, Map<String, Double> shiftHours, int beds,
                                     Map<String, AlertFeedback> outcomes) {
        List<Row> out = new ArrayList<>();
        for (Map.Entry<String, Double> s : shiftHours.entrySet()) {
            out.add(row(s.getKey(), alerts.stream().filter(a -> shiftOf.apply(a).equals(s.getKey())).toList(), beds * s.getValue(), outcomes));
        }
        return out;
    }

    static Row row(String key, Collection<Alert> alerts, double bedHours, Map<String, AlertFeedback> outcomes) {
        int confirmed = 0, falseAlarms = 0, notChecked = 0, endedUnseen = 0, stillUnseen = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        List<Double> ack = new ArrayList<>();
        for (Alert a : alerts) {
            AlertFeedback f = outcomes.get(a.id());
            if (f != null) {
                switch (f.outcome()) {
                    case CONFIRMED -> confirmed++;
                    case FALSE_ALARM -> {
                        falseAlarms++;
                        reasons.merge(f.reason() == null ? "no reason given" : f.reason().wire(), 1, Integer::sum);
                    }
                    case NOT_CHECKED -> notChecked++;
                }
            }
            boolean endedBySystem = a.state() == AlertTransition.RESOLVED && AlertManager.SYSTEM.equals(a.resolvedBy());
            if (endedBySystem && (a.ackedAt() == null || a.ackedAt().isAfter(a.resolvedAt()))) endedUnseen++;
            if (endedBySystem && a.ackedAt() == null) stillUnseen++;
            if (a.ackedAt() != null) ack.add(a.raisedAt().until(a.ackedAt(), ChronoUnit.MILLIS) / 1000.0);
        }
        Collections.sort(ack);
        return new Row(key, alerts.size(), bedHours, confirmed, falseAlarms, notChecked, endedUnseen, stillUnseen, ack.size(),
                NearestRank.of(ack, 0.5), reasons);
    }

    static String shiftOf(LocalTime t, List<Shift> shifts) {
        for (Shift s : shifts) if (s.covers(t)) return s.name();
        return REST;
    }

    /**
     * Hours of [from, to) in each shift (first covering wins) and in {@link #REST}, in that order. Walks
     * the window a minute at a time on minute boundaries: shifts change on whole minutes, so it is exact.
     */
    static Map<String, Double> shiftHours(Instant from, Instant to, ZoneId zone, List<Shift> shifts) {
        Map<String, Double> ms = new LinkedHashMap<>();
        for (Shift s : shifts) ms.putIfAbsent(s.name(), 0.0);
        ms.put(REST, 0.0);
        Instant t = from;
        while (t.isBefore(to)) {
            Instant next = t.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
            if (next.isAfter(to)) next = to;
            ms.merge(shiftOf(t.atZone(zone).toLocalTime(), shifts), (double) Duration.between(t, next).toMillis(), Double::sum);
            t = next;
        }
        Map<String, Double> hours = new LinkedHashMap<>();
        ms.forEach((k, v) -> hours.put(k, v / 3_600_000.0));
        return hours;
    }

    private static Map<String, List<Alert>> group(List<Alert> alerts, Function<Alert, String> key) {
        Map<String, List<Alert>> m = new TreeMap<>();
        for (Alert a : alerts) m.computeIfAbsent(key.apply(a), k -> new ArrayList<>()).add(a);
        return m;
    }

    private static Object num(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
