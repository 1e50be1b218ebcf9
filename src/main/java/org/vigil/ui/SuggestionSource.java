package org.vigil.ui;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.vigil.alerts.ScoreHistory;
import org.vigil.app.AlertSystem;
import org.vigil.rules.BedOverrideWriter;
import org.vigil.rules.ConfigException;
import org.vigil.rules.OverrideSuggester;

/** The admin view's override suggestions from the running alert system's database and rules folder. Off the EDT only. */
public final class SuggestionSource {
    private final AlertSystem system;
    private final Clock clock;

    public SuggestionSource(AlertSystem system, Clock clock) {
        if (system.alerts().store() == null) throw new IllegalArgumentException("suggestions need the durable alert database");
        this.system = system;
        this.clock = clock;
    }

    /** Replays each bed over its judged alerts (a database read and some replays: off the EDT). */
    public List<OverrideSuggester.Suggestion> get() throws SQLException {
        try (ScoreHistory h = new ScoreHistory(system.alerts().store().file())) {
            return OverrideSuggester.suggest(system.engine().rules(), system.alerts().store(), h, null, clock.instant());
        }
    }

    /** Writes the suggestion into the rules folder in force and reloads it now (the watcher would within 2 s). */
    public BedOverrideWriter.Applied apply(OverrideSuggester.Suggestion s, String by) throws ConfigException, IOException {
        BedOverrideWriter.Applied a = BedOverrideWriter.apply(system.config().folder(), s.best().override(), by, system.alerts().store(),
                clock.instant());
        system.config().checkNow();
        return a;
    }
}
