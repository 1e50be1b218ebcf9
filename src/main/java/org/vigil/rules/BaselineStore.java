package org.vigil.rules;

import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alerts.AlertStore;

/**
 * The learned resting expression per bed, kept in the alert database so a restart does not start the
 * calibration again. A failing write is logged, never fatal: the baseline is also in memory.
 */
final class BaselineStore {
    private static final Logger log = LoggerFactory.getLogger(BaselineStore.class);

    private final AlertStore store; // null: in memory only
    private final Clock clock;

    BaselineStore(AlertStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Resting expressions learned per bed in earlier runs (empty in memory). */
    Map<String, Map<String, Double>> saved() {
        if (store == null) return Map.of();
        try {
            return store.baselines();
        } catch (Exception e) {
            log.warn("cannot read saved baselines from {}: {}", store.file(), e.getMessage());
            return Map.of();
        }
    }

    void save(String bed, Map<String, Double> resting) {
        if (store == null) return;
        try {
            store.saveBaseline(bed, resting, clock.instant());
        } catch (Exception e) {
            log.warn("cannot save the baseline of {} in {}: {}", bed, store.file(), e.getMessage());
        }
    }

    void forget(String bed) {
        if (store == null) return;
        try {
            store.deleteBaseline(bed);
        } catch (Exception e) {
            log.warn("cannot delete the baseline of {} in {}: {}", bed, store.file(), e.getMessage());
        }
    }
}
