package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.ui.UiTestSupport.alert;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertTransition;

class AlertQueueTest {
    @Test
    void new_before_acknowledged_then_severe_then_newest() throws Exception {
        AlertQueue q = new AlertQueue();
        assertThat(q.apply(alert("old-high", "A", AlertPriority.HIGH, AlertTransition.RAISED, 1, Map.of()))).isTrue();
        Thread.sleep(5);
        q.apply(alert("low", "B", AlertPriority.LOW, AlertTransition.RAISED, 2, Map.of()));
        Thread.sleep(5);
        q.apply(alert("new-high", "C", AlertPriority.HIGH, AlertTransition.RAISED, 3, Map.of()));
        assertThat(q.entries()).extracting(AlertQueue.Entry::alertId).containsExactly("new-high", "old-high", "low");

        assertThat(q.apply(alert("new-high", "C", AlertPriority.HIGH, AlertTransition.ACKNOWLEDGED, 4, Map.of())))
                .as("acknowledging is not a new alert").isFalse();
        assertThat(q.entries()).extracting(AlertQueue.Entry::alertId).containsExactly("old-high", "low", "new-high");

        q.apply(new org.vigil.alerts.AlertEvent("old-high", "A", org.vigil.alerts.AlertKind.DISTRESS, AlertPriority.HIGH,
                AlertTransition.RESOLVED, 5, java.time.Instant.now(), Map.of(), "sustained-distress", "resolved by ann", "ann"));
        assertThat(q.entries()).as("resolved by a person: gone").extracting(AlertQueue.Entry::alertId).containsExactly("low", "new-high");
    }

    @Test
    void escalation_raises_priority_keeps_first_time_and_cues_again() {
        AlertQueue q = new AlertQueue();
        q.apply(alert("x", "A", AlertPriority.MEDIUM, AlertTransition.RAISED, 10, Map.of("sad", 0.6)));
        var first = q.get("x");
        assertThat(q.apply(alert("x", "A", AlertPriority.HIGH, AlertTransition.ESCALATED, 70, Map.of("sad", 0.8))))
                .isTrue();
        assertThat(q.get("x").priority()).isEqualTo(AlertPriority.HIGH);
        assertThat(q.get("x").raisedT()).isEqualTo(10);
        assertThat(q.get("x").raisedAt()).isEqualTo(first.raisedAt());
        assertThat(q.get("x").seen()).isEqualTo("sad 0.80");
        assertThat(q.worstFor("A").alertId()).isEqualTo("x");
        assertThat(q.worstFor("B")).isNull();
    }

    @Test
    void technical_alert_shows_its_message() {
        AlertQueue q = new AlertQueue();
        q.apply(new org.vigil.alerts.AlertEvent("c", "A", org.vigil.alerts.AlertKind.CAMERA_OFFLINE, AlertPriority.MEDIUM, AlertTransition.RAISED,
                1, java.time.Instant.now(), Map.of(), "camera", "No frames for 30 s", "system"));
        assertThat(q.get("c").seen()).isEqualTo("No frames for 30 s");
    }

    @Test
    void an_alert_the_system_ended_unacknowledged_stays_until_acknowledged_also_without_a_manager() {
        AlertQueue q = new AlertQueue();
        LocalAlertActions local = new LocalAlertActions(new org.vigil.pipeline.PipelineListener() {
            @Override
            public void onAlert(org.vigil.alerts.AlertEvent e) {
                q.apply(e);
            }
        });
        java.util.function.Consumer<org.vigil.alerts.AlertEvent> both = e -> {
            local.onAlert(e);
            q.apply(e);
        };
        both.accept(alert("e", "A", AlertPriority.MEDIUM, AlertTransition.RAISED, 1, Map.of("sad", 0.7)));
        both.accept(alert("e", "A", AlertPriority.MEDIUM, AlertTransition.RESOLVED, 8, Map.of()));
        assertThat(q.get("e").endedUnseen()).as("ended by the system, never acknowledged").isTrue();
        local.acknowledge("e", "nurse.kim");
        assertThat(q.get("e")).as("seen: gone").isNull();
        // a technical alert that ends leaves at once
        both.accept(new org.vigil.alerts.AlertEvent("c", "A", org.vigil.alerts.AlertKind.CAMERA_OFFLINE, AlertPriority.MEDIUM,
                AlertTransition.RAISED, 1, java.time.Instant.now(), Map.of(), "technical", "camera offline", "system"));
        both.accept(new org.vigil.alerts.AlertEvent("c", "A", org.vigil.alerts.AlertKind.CAMERA_OFFLINE, AlertPriority.MEDIUM,
                AlertTransition.RESOLVED, 2, java.time.Instant.now(), Map.of(), "technical", "camera back", "system"));
        assertThat(q.size()).isZero();
    }
}
