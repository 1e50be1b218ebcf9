package org.vigil.rules;

import java.util.List;
import org.vigil.alerts.AlertEvent;

/**
 * Turns a stream of observations per bed into alert transitions. Called from pipeline threads;
 * implementations decide over time windows with hysteresis, never on one observation.
 */
public interface RuleEngine {
    List<AlertEvent> observe(Observation observation);
}
