package org.vigil.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import org.vigil.alerts.Alert;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertTransition;

/**
 * Alert meters, fed by the alert lifecycle itself (so alerts from the rules, from nurse-call problems
 * and acknowledgements from any screen all count): alerts raised by kind and priority, transitions,
 * time to acknowledge, alerts open now. Labels are kind, priority and transition only.
 */
final class AlertMetrics implements Consumer<AlertEvent>, AutoCloseable {
    private final MeterRegistry registry;
    private final AlertManager alerts;

    AlertMetrics(MeterRegistry registry, AlertManager alerts) {
        this.registry = registry;
        this.alerts = alerts;
        // Every series from the start at 0, so that Prometheus' rate() and increase() see the first alert.
        for (AlertKind k : AlertKind.values()) {
            for (AlertPriority p : AlertPriority.values()) raised(k, p);
            Gauge.builder("vigil.alerts.open", alerts, m -> m.openAlerts().stream().filter(a -> a.kind() == k).count())
                    .description("Alerts open now (raised, not resolved), by kind")
                    .tag("kind", k.wire()).strongReference(true).register(registry);
        }
        alerts.subscribe(this);
    }

    private Counter raised(AlertKind kind, AlertPriority priority) {
        return Counter.builder("vigil.alerts.raised").description("Alerts raised, by kind and priority at raise")
                .tags("kind", kind.wire(), "priority", wire(priority)).register(registry);
    }

    private static String wire(AlertPriority p) {
        return p.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void accept(AlertEvent e) {
        Counter.builder("vigil.alert.transitions").description("Alert lifecycle steps: raised, escalated, acknowledged, resolved")
                .tags("kind", e.kind().wire(), "transition", e.transition().name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
        if (e.transition() == AlertTransition.RAISED) raised(e.kind(), e.priority()).increment();
        if (e.transition() == AlertTransition.ACKNOWLEDGED) {
            // The alert keeps its raise time (also for alerts raised before a restart).
            Alert a = alerts.get(e.alertId()).orElse(null);
            if (a == null || a.raisedAt() == null || e.at() == null) return;
            Duration d = Duration.between(a.raisedAt(), e.at());
            if (d.isNegative()) return;
            Timer.builder("vigil.alert.time.to.acknowledge").description("Alert raised -> acknowledged by a person (wall time)")
                    .serviceLevelObjectives(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
                            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30),
                            Duration.ofHours(1))
                    .tags("kind", e.kind().wire(), "priority", wire(e.priority()))
                    .register(registry).record(d);
        }
    }

    @Override
    public void close() {
        alerts.unsubscribe(this);
    }
}
