package org.vigil.alerts;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the alert store bounded: closed alerts older than the configured number of days (wall
 * clock: retention is about calendar days) are deleted with their audit trail, then the file is
 * compacted. Open alerts stay however old they are.
 */
public final class AlertRetention {
    private static final Logger log = LoggerFactory.getLogger(AlertRetention.class);

    private final AlertStore store;
    private final IntSupplier keepDays;
    private final Clock clock;

    /** @param keepDays read at each run, so a reloaded configuration applies at the next one */
    public AlertRetention(AlertStore store, IntSupplier keepDays, Clock clock) {
        this.store = store;
        this.keepDays = keepDays;
        this.clock = clock;
    }

    /** One pass: prune, and compact when something was deleted. @return alerts deleted */
    public int run() throws SQLException {
        int days = keepDays.getAsInt();
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        int n = store.pruneClosedBefore(cutoff);
        if (n > 0) {
            long before = store.size().fileBytes();
            store.compact();
            log.info("alert store {}: {} alert(s) closed before {} deleted (keeping {} days); file {} KB -> {} KB", store.file(), n,
                    cutoff, days, before / 1024, store.size().fileBytes() / 1024);
        }
        return n;
    }

    /** {@link #run()} that logs instead of throwing: retention must never stop monitoring. */
    public void runQuietly() {
        try {
            run();
        } catch (SQLException | RuntimeException e) {
            log.warn("alert store {}: retention pass failed, will try again: {}", store.file(), e.getMessage());
        }
    }
}
