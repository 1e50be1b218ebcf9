package org.vigil.rules;

import java.time.LocalTime;
import java.util.Map;

/**
 * A time-of-day period (quiet hours, night shift) with rule overrides. {@code from} after {@code to}
 * wraps past midnight (22:00-07:00).
 *
 * @param rules rule id -> field -> typed value, as in {@link DistressRuleConfig#with}
 */
public record ShiftConfig(String name, LocalTime from, LocalTime to, Map<String, Map<String, Object>> rules) {
    public ShiftConfig {
        rules = Map.copyOf(rules);
    }

    public boolean covers(LocalTime time) {
        if (from.equals(to)) return true;
        if (from.isBefore(to)) return !time.isBefore(from) && time.isBefore(to);
        return !time.isBefore(from) || time.isBefore(to);
    }
}
