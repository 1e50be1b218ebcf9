package org.vigil.ward;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.Alert;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertStore;
import org.vigil.alerts.AlertTransition;
import org.vigil.rules.ConfigLoader;
import org.vigil.rules.RuleSet;
import org.vigil.testing.StepClock;

/**
 * The central's own escalation policy with a hand-moved clock, a real SQLite store and a config parsed
 * by the real loader: who escalates what (an online edge's alerts stay the edge's), by which steps,
 * from when (the stored raise, across a restart; a re-raise restarts it), and never an acknowledged
 * alert. The same class in real processes: {@link WardEscalationTest}.
 */
class CentralEscalationTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final String RULES = """
            version: 1
            rules:
              - id: distress
                emotions: [angry, sad]
                start: 0.6
                end: 0.45
                persist: 3s
                priority: medium
                escalation:
                  - {after: 2m, to: charge-nurse, priority: high}
                  - {after: 5m, to: ward-manager, priority: low}
            beds:
              bed-9:
                rules:
                  distress: {escalation: [{after: 30s, to: bed-9-team}]}
            """;

    final StepClock clock = new StepClock(T0);
    final Map<String, WardMessages.EdgePresence> edges = new ConcurrentHashMap<>();

    static RuleSet rules() throws Exception {
        return ConfigLoader.parse("rules.yaml", RULES);
    }

    void presence(String edge, String state, String... beds) {
        edges.put(edge, new WardMessages.EdgePresence(edge, state, List.of(beds), clock.instant(), 10, "v1", List.of()));
    }

    static AlertEvent edgeRaise(String id, String bed, Instant at) {
        return new AlertEvent(id, bed, AlertKind.DISTRESS, AlertPriority.MEDIUM, AlertTransition.RAISED, 40, at, Map.of("sad", 0.9),
                "distress", "sad 0.90 held 3 s", AlertManager.SYSTEM);
    }

    @Test
    void anOfflineEdgesAlertEscalatesStepByStepAndAnOnlineEdgesDoesNot(@TempDir Path dir) throws Exception {
        RuleSet rs = rules();
        try (AlertManager m = new AlertManager(new AlertStore(dir.resolve("central.db")), clock)) {
            CentralEscalation esc = new CentralEscalation(m, () -> rs, () -> Map.copyOf(edges), clock);
            presence("room-1", WardMessages.ONLINE, "bed-1", "bed-2");
            m.mirror(edgeRaise("a-1", "bed-1", T0), false, 0, "ward");
            m.mirror(edgeRaise("a-2", "bed-2", T0), false, 0, "ward");
            clock.set(T0.plusSeconds(150));
            assertThat(esc.tick()).as("the edge is online: its engine escalates, not the central").isEmpty();

            // The edge dies; bed-2's alert was acknowledged at the central.
            m.acknowledge("a-2", "nurse-anna at station-1");
            presence("room-1", WardMessages.OFFLINE, "bed-1", "bed-2");
            List<AlertEvent> first = esc.tick();
            assertThat(first).singleElement().satisfies(e -> {
                assertThat(e.alertId()).isEqualTo("a-1");
                assertThat(e.transition()).isEqualTo(AlertTransition.ESCALATED);
                assertThat(e.message()).isEqualTo("unacknowledged for 150 s: escalated to charge-nurse"
                        + " (by the central station: edge box room-1 is offline)");
                assertThat(e.priority()).isEqualTo(AlertPriority.HIGH);
            });
            clock.set(T0.plusSeconds(299));
            assertThat(esc.tick()).as("each step once").isEmpty();
            clock.set(T0.plusSeconds(300));
            assertThat(esc.tick()).singleElement().satisfies(e -> assertThat(e.message()).startsWith("unacknowledged for 300 s: escalated to ward-manager"));
            Alert a1 = m.get("a-1").orElseThrow();
            assertThat(a1.escalationLevel()).isEqualTo(2);
            assertThat(a1.recipient()).isEqualTo("ward-manager");
            assertThat(a1.priority()).as("a step never lowers the priority").isEqualTo(AlertPriority.HIGH);
            clock.set(T0.plusSeconds(3600));
            assertThat(esc.tick()).as("no steps left; the acknowledged alert never escalates").isEmpty();
            assertThat(m.get("a-2").orElseThrow().escalationLevel()).isZero();

            // The edge comes back and, not knowing, takes step 1 itself: the central does not skip a level for it.
            AlertEvent late = new AlertEvent("a-1", "bed-1", AlertKind.DISTRESS, AlertPriority.HIGH, AlertTransition.ESCALATED, 200,
                    T0.plusSeconds(3700), Map.of(), "distress", "unacknowledged for 120 s: escalated to charge-nurse", AlertManager.SYSTEM);
            assertThat(m.mirror(late, false, 1, "charge-nurse")).isEmpty();
            assertThat(m.get("a-1").orElseThrow().escalationLevel()).isEqualTo(2);
        }
    }

    @Test
    void edgeOfflineAlertsEscalateByTheBedsFirstRuleAndOtherKindsNot(@TempDir Path dir) throws Exception {
        RuleSet rs = rules();
        try (AlertManager m = new AlertManager(new AlertStore(dir.resolve("central.db")), clock)) {
            CentralEscalation esc = new CentralEscalation(m, () -> rs, () -> Map.copyOf(edges), clock);
            presence("room-9", WardMessages.OFFLINE, "bed-8", "bed-9");
            String off8 = m.raise("bed-8", AlertKind.EDGE_OFFLINE, CentralStation.LINK_RULE, AlertPriority.HIGH, 0, Map.of(),
                    "edge box room-9 is offline: this bed is not watched", false).orElseThrow().alertId();
            String off9 = m.raise("bed-9", AlertKind.EDGE_OFFLINE, CentralStation.LINK_RULE, AlertPriority.HIGH, 0, Map.of(),
                    "edge box room-9 is offline: this bed is not watched", false).orElseThrow().alertId();
            String frequent = m.raise("bed-8", AlertKind.FREQUENT_DISTRESS, "frequent", AlertPriority.HIGH, 0, Map.of(), "4 alerts", true)
                    .orElseThrow().alertId();
            clock.set(T0.plusSeconds(30));
            assertThat(esc.tick()).as("bed-9's own override: 30 s").singleElement().satisfies(e -> {
                assertThat(e.alertId()).isEqualTo(off9);
                assertThat(e.message()).isEqualTo("unacknowledged for 30 s: escalated to bed-9-team");
            });
            clock.set(T0.plusSeconds(130));
            assertThat(esc.tick()).singleElement().satisfies(e -> assertThat(e.alertId()).isEqualTo(off8));
            assertThat(m.get(off8).orElseThrow().priority()).as("HIGH stays HIGH").isEqualTo(AlertPriority.HIGH);
            clock.set(T0.plusSeconds(3600));
            assertThat(esc.tick()).extracting(AlertEvent::alertId).containsExactly(off8);
            assertThat(m.get(frequent).orElseThrow().escalationLevel()).as("frequent distress does not escalate (as on the edge)").isZero();
        }
    }

    @Test
    void afterARestartTimersGoOnFromTheStoredRaiseAndAReRaiseRestartsThem(@TempDir Path dir) throws Exception {
        RuleSet rs = rules();
        Path db = dir.resolve("central.db");
        try (AlertManager m = new AlertManager(new AlertStore(db), clock)) {
            m.mirror(edgeRaise("a-1", "bed-1", T0), false, 0, "ward");
            m.mirror(edgeRaise("a-3", "bed-3", T0), false, 0, "ward");
            m.acknowledge("a-3", "nurse-ben");
            // a-3 is re-raised by its edge 10 min later (still distressed after the acknowledgement)
            m.mirror(edgeRaise("a-3", "bed-3", T0.plusSeconds(600)), false, 0, "ward");
            m.raise("bed-1", AlertKind.EDGE_OFFLINE, CentralStation.LINK_RULE, AlertPriority.HIGH, 0, Map.of(),
                    "edge box room-1 is offline: this bed is not watched", false);
            m.raise("bed-3", AlertKind.EDGE_OFFLINE, CentralStation.LINK_RULE, AlertPriority.HIGH, 0, Map.of(),
                    "edge box room-3 is offline: this bed is not watched", false);
        }
        // The central restarts at T0 + 11 min with no edge presence known (its embedded broker's retained ones died with it).
        clock.set(T0.plusSeconds(660));
        try (AlertManager m = new AlertManager(new AlertStore(db), clock)) {
            CentralEscalation esc = new CentralEscalation(m, () -> rs, () -> Map.copyOf(edges), clock);
            List<AlertEvent> got = esc.tick();
            assertThat(got).filteredOn(e -> e.alertId().equals("a-1")).as("both steps of a-1 fell due while the central was down")
                    .extracting(AlertEvent::message).containsExactly(
                            "unacknowledged for 660 s: escalated to charge-nurse (by the central station: the bed's edge box is offline)",
                            "unacknowledged for 660 s: escalated to ward-manager (by the central station: the bed's edge box is offline)");
            assertThat(got).filteredOn(e -> e.alertId().equals("a-3")).as("a-3 counts from its re-raise 60 s ago").isEmpty();
            clock.set(T0.plusSeconds(720));
            assertThat(esc.tick()).filteredOn(e -> e.alertId().equals("a-3")).singleElement()
                    .satisfies(e -> assertThat(e.message()).startsWith("unacknowledged for 120 s: escalated to charge-nurse"));
            // The edge of bed-1 reports online: its beds are its own again.
            presence("room-1", WardMessages.ONLINE, "bed-1");
            assertThat(m.get("a-1").orElseThrow().escalationLevel()).isEqualTo(2);
        }
    }
}
