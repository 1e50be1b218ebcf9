package org.vigil.alerts;

import java.time.Instant;

/**
 * The nurse's answer about one alert: what it was, who said so and when. Scores and states only,
 * never an image.
 *
 * @param reason only for a false alarm; may be null
 */
public record AlertFeedback(String alertId, Outcome outcome, FalseAlarmReason reason, String by, Instant at) {
    public AlertFeedback {
        if (outcome == null) throw new IllegalArgumentException("an outcome is needed");
        if (reason != null && outcome != Outcome.FALSE_ALARM) {
            throw new IllegalArgumentException("a reason (" + reason.wire() + ") goes only with a false alarm, not with " + outcome.wire());
        }
        if (by == null || by.isBlank()) throw new IllegalArgumentException("an outcome needs a person's name");
    }

    /** "false alarm (resting face)". */
    public String describe() {
        return outcome.label() + (reason == null ? "" : " (" + reason.label() + ")");
    }
}
