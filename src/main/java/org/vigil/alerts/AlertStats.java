package org.vigil.alerts;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vigil.base.NearestRank;

/**
 * Simple figures for the admin: alerts per bed per day (by kind) and acknowledgement times (wall
 * clock from raise to acknowledgement) per bed.
 */
public final class AlertStats {
    /** @param counts kind -> number of alerts raised that day */
    public record Day(String bed, LocalDate day, Map<String, Integer> counts) {
        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Acknowledgement times in seconds; NaN when none was acknowledged. */
    public record AckTimes(String bed, int alerts, int acknowledged, double median, double p90, double max) {}

    private AlertStats() {}

    public static List<Day> perBedPerDay(List<Alert> alerts, ZoneId zone) {
        Map<String, Map<LocalDate, Map<String, Integer>>> m = new TreeMap<>();
        for (Alert a : alerts) {
            LocalDate d = a.raisedAt().atZone(zone).toLocalDate();
            m.computeIfAbsent(a.bed(), k -> new TreeMap<>()).computeIfAbsent(d, k -> new TreeMap<>()).merge(a.kind().wire(), 1, Integer::sum);
        }
        List<Day> out = new ArrayList<>();
        m.forEach((bed, days) -> days.forEach((d, c) -> out.add(new Day(bed, d, c))));
        return out;
    }

    public static List<AckTimes> acknowledgementTimes(List<Alert> alerts) {
        Map<String, List<Alert>> byBed = new TreeMap<>();
        for (Alert a : alerts) byBed.computeIfAbsent(a.bed(), k -> new ArrayList<>()).add(a);
        List<AckTimes> out = new ArrayList<>();
        byBed.forEach((bed, list) -> {
            List<Double> s = new ArrayList<>();
            for (Alert a : list) {
                if (a.ackedAt() != null) s.add((a.ackedAt().toEpochMilli() - a.raisedAt().toEpochMilli()) / 1000.0);
            }
            Collections.sort(s);
            out.add(new AckTimes(bed, list.size(), s.size(), NearestRank.of(s, 0.5), NearestRank.of(s, 0.9),
                    NearestRank.of(s, 1.0)));
        });
        return out;
    }
}
