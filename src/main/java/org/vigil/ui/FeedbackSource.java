package org.vigil.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.vigil.alerts.Alert;
import org.vigil.alerts.AlertStore;
import org.vigil.alerts.FeedbackStats;
import org.vigil.rules.RuleSet;

/** The last 24 h of nurse feedback from the durable alert log, grouped by the shifts in force. */
public final class FeedbackSource implements Supplier<FeedbackStats.Report> {
    static final Duration WINDOW = Duration.ofHours(24);
    private final AlertStore store;
    private final Supplier<RuleSet> rules;
    private final DashboardModel model;
    private final Clock clock;

    public FeedbackSource(AlertStore store, Supplier<RuleSet> rules, DashboardModel model, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.model = model;
        this.clock = clock;
    }

    /** Reads the database: call off the EDT. Beds = the dashboard's beds plus any bed with an alert. */
    @Override
    public FeedbackStats.Report get() {
        Instant to = clock.instant(), from = to.minus(WINDOW);
        try {
            var alerts = store.alerts(null, from, to);
            Set<String> beds = new TreeSet<>();
            model.beds().forEach(b -> beds.add(b.bed()));
            for (Alert a : alerts) beds.add(a.bed());
            RuleSet rs = rules.get();
            return FeedbackStats.compute(alerts, store.outcomes(null, from, to), beds, from, to, rs.zone(),
                    rs.shifts().stream().map(s -> new FeedbackStats.Shift(s.name(), s.from(), s.to())).toList());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read " + store.file() + ": " + e.getMessage(), e);
        }
    }
}
