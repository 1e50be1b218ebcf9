package org.vigil.pipeline;

import java.util.List;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertTransition;
import org.vigil.capture.SourceState;

/** Publish, the last step of the decision thread: counts what was decided and tells every listener. */
final class Publisher {
    private final PipelineStats stats;
    private final Listeners listeners;

    Publisher(PipelineStats stats, Listeners listeners) {
        this.stats = stats;
        this.listeners = listeners;
    }

    void source(Tick.Source t) {
        listeners.source(t.bed(), t.state(), t.detail());
    }

    void decision(BedDecisions.Decision d) {
        if (d.status() != null) listeners.status(d.status());
        alerts(d.events());
    }

    void alerts(List<AlertEvent> events) {
        for (AlertEvent e : events) {
            if (e.transition() == AlertTransition.RAISED) {
                (e.technical() ? stats.bed(e.bed()).technicalAlerts : stats.bed(e.bed()).alerts).increment();
            }
            listeners.alert(e);
        }
    }
}
