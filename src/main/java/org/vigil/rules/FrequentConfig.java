package org.vigil.rules;

import org.vigil.alerts.AlertPriority;
import org.vigil.base.Defaults;

/**
 * The frequent-alert pattern: when a bed's distress alerts raised within the last {@code within}
 * seconds (the new one included; one exactly {@code within} old no longer counts) number more than
 * {@code moreThan}, one "frequent distress" alert is raised. It is latched: a person closes it.
 */
public record FrequentConfig(boolean enabled, int moreThan, double within, AlertPriority priority) {
    public static final FrequentConfig DEFAULT = new FrequentConfig(true, Defaults.FREQUENT_MORE_THAN, Defaults.FREQUENT_WITHIN_S,
            AlertPriority.HIGH);
}
