package org.vigil.rules;

import java.util.List;
import org.vigil.alerts.AlertEvent;

/**
 * Turns a stream of observations per bed into alert transitions. Called from pipeline threads;
 * implementations decide over time windows with hysteresis, never on one observation.
 */
public interface RuleEngine {
    List<AlertEvent> observe(Observation observation);

    /** The emotion model failed on this bed's faces (exception, NaN scores): a technical alert, where the engine raises them. */
    default List<AlertEvent> modelFailure(String bed, double t, String message) {
        return List.of();
    }

    /** The model works again for this bed: its technical alert ends. */
    default List<AlertEvent> modelRecovered(String bed, double t) {
        return List.of();
    }
}
