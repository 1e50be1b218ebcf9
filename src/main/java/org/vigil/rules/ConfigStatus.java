package org.vigil.rules;

import java.time.Instant;
import java.util.List;

/**
 * What the dashboard shows about the alerts configuration.
 *
 * @param current   the configuration in force (the last good one)
 * @param errors    problems of the newest files on disk, empty when they are in force
 * @param changedAt when {@code current} was applied
 * @param lastDiff  what the last applied reload changed ("~ rules[distress].start: 0.6 -> 0.65")
 */
public record ConfigStatus(RuleSet current, List<ConfigError> errors, Instant changedAt, List<String> lastDiff) {
    public ConfigStatus {
        errors = List.copyOf(errors);
        lastDiff = List.copyOf(lastDiff);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
