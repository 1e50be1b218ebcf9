package org.vigil.ward;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alerts.Alert;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertTransition;
import org.vigil.rules.DistressRuleConfig;
import org.vigil.rules.EscalationStep;
import org.vigil.rules.RuleSet;

/**
 * The central station's own escalation timers, for the alerts no edge box can escalate: those of a bed
 * whose edge is offline (dead, cut off or stopped), and the central's own {@code edge-offline}
 * technical alerts. Alerts of beds whose edge is online stay the edge's (its engine escalates and the
 * central mirrors it); acknowledged alerts never escalate.
 *
 * <p>Timers run on the wall clock from the alert's last (re-)raise as the durable store has it, so after
 * a restart of the central they go on where they were, with no state of their own: a step that fell
 * due while the central was down is taken at once. The steps are those of the rule config the central
 * distributes, as they apply to the bed now (shift, bed override): a distress alert takes its rule's
 * {@code escalation}; an {@code edge-offline} alert (the config has no escalation for technical alerts)
 * takes that of the bed's first enabled rule with escalation steps — an unwatched bed hides exactly the
 * alerts that rule would raise. Other kinds (frequent distress, camera, not visible) do not escalate,
 * as on the edge. A step never lowers an alert's priority.
 *
 * <p>Whose bed is unwatched: no edge that is online lists it, and an edge that is offline lists it or
 * an {@code edge-offline} alert is open for it (that alert is durable: after a restart with an embedded
 * broker, whose retained presences died with it, it is what still says so).
 *
 * <p>Threads: one, {@code vigil-central-escalation}, ticks every {@code tick} and is the only one to
 * escalate here; the alert listener (MQTT client's thread) only notes re-raise times.
 */
public final class CentralEscalation implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CentralEscalation.class);
    private final AlertManager alerts;
    private final Supplier<RuleSet> rules;
    private final Supplier<Map<String, WardMessages.EdgePresence>> edges;
    private final Clock clock;
    /** Wall time of each open alert's last (re-)raise: from the events as they happen, else once from the store. */
    private final Map<String, Instant> raisedAt = new ConcurrentHashMap<>();
    private final Consumer<AlertEvent> listener = this::onAlertEvent;
    private ScheduledExecutorService ticker;
    private boolean closed;

    /**
     * @param rules the rule config the central distributes (its config watcher's accepted one); null: nothing escalates
     * @param edges every edge's latest presence
     */
    public CentralEscalation(AlertManager alerts, Supplier<RuleSet> rules, Supplier<Map<String, WardMessages.EdgePresence>> edges,
                             Clock clock) {
        this.alerts = alerts;
        this.rules = rules;
        this.edges = edges;
        this.clock = clock;
    }

    /** Ticks every {@code tick} on its own thread until closed; a second call, or one after closing, does nothing. */
    public synchronized CentralEscalation start(Duration tick) {
        if (ticker != null || closed) return this;
        alerts.subscribe(listener);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-central-escalation");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                log.error("central escalation tick failed (next in {} ms)", tick.toMillis(), e);
            }
        }, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void onAlertEvent(AlertEvent ev) {
        if (ev.transition() == AlertTransition.RAISED) raisedAt.put(ev.alertId(), ev.at()); // a re-raise restarts escalation
        else if (ev.transition() == AlertTransition.RESOLVED) raisedAt.remove(ev.alertId());
    }

    /** One pass over the open alerts: takes every step that is due. Returns the escalations made. */
    List<AlertEvent> tick() {
        RuleSet rs = rules.get();
        List<AlertEvent> out = new ArrayList<>();
        if (rs == null) return out;
        List<Alert> open = alerts.openAlerts();
        Map<String, WardMessages.EdgePresence> presence = edges.get();
        Instant now = clock.instant();
        LocalTime timeOfDay = now.atZone(rs.zone()).toLocalTime();
        raisedAt.keySet().retainAll(open.stream().map(Alert::id).collect(Collectors.toSet()));
        for (Alert a : open) {
            if (a.acknowledged()) continue;
            List<EscalationStep> steps = steps(a, rs, timeOfDay);
            if (a.escalationLevel() >= steps.size()) continue;
            String why;
            if (isEdgeOffline(a)) {
                why = "";
            } else {
                Optional<String> offlineEdge = unwatched(a.bed(), presence, open);
                if (offlineEdge.isEmpty()) continue; // its edge is online: the edge escalates it
                why = " (by the central station: " + offlineEdge.get() + " is offline)";
            }
            double unacked = Duration.between(raisedAt.computeIfAbsent(a.id(), k -> lastRaise(a)), now).toMillis() / 1000.0;
            AlertPriority priority = a.priority();
            // Every step that is due, one event each (after a central outage several may be).
            for (int level = a.escalationLevel(); level < steps.size() && unacked >= steps.get(level).after(); level++) {
                EscalationStep s = steps.get(level);
                AlertPriority p = s.priority() != null && s.priority().compareTo(priority) > 0 ? s.priority() : null;
                Optional<AlertEvent> ev = alerts.escalate(a.id(), level + 1, s.to(), p, a.raisedT() + unacked,
                        String.format("unacknowledged for %.0f s: escalated to %s%s", unacked, s.to(), why));
                if (ev.isEmpty()) break; // acknowledged, resolved or escalated meanwhile
                out.add(ev.get());
                if (p != null) priority = p;
            }
        }
        return out;
    }

    private static boolean isEdgeOffline(Alert a) {
        return a.kind() == AlertKind.EDGE_OFFLINE && CentralStation.LINK_RULE.equals(a.ruleId());
    }

    /** The escalation steps of this alert as the config applies to its bed now; empty: it does not escalate. */
    static List<EscalationStep> steps(Alert a, RuleSet rs, LocalTime timeOfDay) {
        List<DistressRuleConfig> bedRules = rs.effectiveRules(a.bed(), timeOfDay);
        if (a.kind() == AlertKind.DISTRESS) {
            return bedRules.stream().filter(r -> r.enabled() && r.id().equals(a.ruleId())).findFirst()
                    .map(DistressRuleConfig::escalation).orElse(List.of());
        }
        if (isEdgeOffline(a)) {
            return bedRules.stream().filter(r -> r.enabled() && !r.escalation().isEmpty()).findFirst()
                    .map(DistressRuleConfig::escalation).orElse(List.of());
        }
        return List.of();
    }

    /** Which edge box left this bed unwatched ("edge box X" or, known only from an open edge-offline alert, "the bed's edge box"), or empty when an edge watches it. */
    static Optional<String> unwatched(String bed, Map<String, WardMessages.EdgePresence> presence, List<Alert> open) {
        String offline = null;
        for (WardMessages.EdgePresence p : presence.values()) {
            if (!p.beds().contains(bed)) continue;
            if (p.online()) return Optional.empty();
            offline = "edge box " + p.edge();
        }
        if (offline != null) return Optional.of(offline);
        return open.stream().anyMatch(o -> o.bed().equals(bed) && isEdgeOffline(o)) ? Optional.of("the bed's edge box") : Optional.empty();
    }

    /** The wall time of the alert's last raise in the store (a re-raise counts), else its first raise. */
    private Instant lastRaise(Alert a) {
        if (alerts.store() == null) return a.raisedAt();
        try {
            Instant last = a.raisedAt();
            for (AlertEvent e : alerts.store().events(a.bed(), a.raisedAt(), clock.instant().plusSeconds(1))) {
                if (e.alertId().equals(a.id()) && e.transition() == AlertTransition.RAISED && e.at().isAfter(last)) last = e.at();
            }
            return last;
        } catch (Exception e) {
            log.warn("alert {}: re-raises not read from {} (escalation counts from its first raise): {}", a.id(), alerts.store().file(),
                    e.getMessage());
            return a.raisedAt();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        alerts.unsubscribe(listener);
        if (ticker != null) ticker.shutdownNow();
        ticker = null;
    }
}
