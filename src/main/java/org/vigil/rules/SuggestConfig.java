package org.vigil.rules;

import org.vigil.base.Defaults;

/**
 * When a bed gets an override suggestion ({@code suggestions:} in the alerts config): its last
 * {@code lastAlerts} judged distress alerts hold more than {@code falseShareAbove} false alarms.
 */
public record SuggestConfig(int lastAlerts, double falseShareAbove) {
    public static final SuggestConfig DEFAULT = new SuggestConfig(Defaults.SUGGEST_LAST_ALERTS, Defaults.SUGGEST_FALSE_SHARE_ABOVE);
}
