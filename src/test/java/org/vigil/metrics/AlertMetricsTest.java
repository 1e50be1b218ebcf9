package org.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertStore;
import org.vigil.testing.StepClock;

/** Alert meters on the real alert lifecycle and its SQLite store, and the registration API other parts use. */
class AlertMetricsTest {

    @Test
    void countsAlertsByKindAndPriorityAndTimesTheAcknowledgementAcrossARestart(@TempDir Path tmp) {
        StepClock clock = new StepClock(Instant.parse("2026-12-01T14:00:00Z"));
        Path db = tmp.resolve("alerts.db");
        String id;
        try (AlertManager before = new AlertManager(new AlertStore(db), clock)) {
            id = before.raise("bed-2", AlertKind.DISTRESS, "distress", AlertPriority.HIGH, 12.0, Map.of("sad", 0.8), "sad held", false)
                    .orElseThrow().alertId();
        }
        clock.step(Duration.ofSeconds(90));
        // After a restart the open alert comes back from the database; its raise time with it.
        try (AlertManager alerts = new AlertManager(new AlertStore(db), clock); VigilMetrics m = new VigilMetrics()) {
            m.bindAlerts(alerts);
            Map<String, Double> s = Scrape.parse(m.scrape());
            assertThat(s.get("vigil_alerts_open{kind=distress}")).isEqualTo(1);
            assertThat(s.get("vigil_alerts_raised_total{kind=distress, priority=high}")).isZero();

            AlertEvent ack = alerts.acknowledge(id, "nurse.kim").orElseThrow();
            alerts.raise("bed-1", AlertKind.CAMERA_OFFLINE, "camera", AlertPriority.MEDIUM, 3.0, Map.of(), "offline 10 s", false);
            alerts.raise("bed-3", AlertKind.DISTRESS, "distress", AlertPriority.MEDIUM, 5.0, Map.of(), "angry held", false);
            clock.step(Duration.ofSeconds(30));
            alerts.resolve(ack.alertId(), "nurse.kim", null);

            s = Scrape.parse(m.scrape());
            assertThat(s.get("vigil_alert_time_to_acknowledge_seconds_count{kind=distress, priority=high}")).isEqualTo(1);
            assertThat(s.get("vigil_alert_time_to_acknowledge_seconds_sum{kind=distress, priority=high}")).isEqualTo(90);
            assertThat(s.get("vigil_alert_time_to_acknowledge_seconds_bucket{kind=distress, le=60.0, priority=high}")).isZero();
            assertThat(s.get("vigil_alert_time_to_acknowledge_seconds_bucket{kind=distress, le=120.0, priority=high}")).isEqualTo(1);
            assertThat(s.get("vigil_alerts_raised_total{kind=camera-offline, priority=medium}")).isEqualTo(1);
            assertThat(s.get("vigil_alerts_raised_total{kind=distress, priority=medium}")).isEqualTo(1);
            assertThat(s.get("vigil_alerts_raised_total{kind=distress, priority=high}")).as("raised before the restart").isZero();
            assertThat(s.get("vigil_alert_transitions_total{kind=distress, transition=acknowledged}")).isEqualTo(1);
            assertThat(s.get("vigil_alert_transitions_total{kind=distress, transition=resolved}")).isEqualTo(1);
            assertThat(s.get("vigil_alerts_open{kind=distress}")).isEqualTo(1);
            assertThat(s.get("vigil_alerts_open{kind=camera-offline}")).isEqualTo(1);
        }
    }

    @Test
    void otherPartsRegisterGaugesAndCountersReadAtEachScrape() {
        AtomicInteger depth = new AtomicInteger(3);
        try (VigilMetrics m = new VigilMetrics()) {
            m.gauge("vigil.outbox.depth", "Reports waiting for the nurse call", depth::get, "link", "nurse-call");
            m.gauge("vigil.broker.connected", "1 while connected to the broker", () -> 1);
            m.counter("vigil.broker.published", "Messages published", "topic", "alerts").increment(2);
            Map<String, Double> s = Scrape.parse(m.scrape());
            assertThat(s.get("vigil_outbox_depth{link=nurse-call}")).isEqualTo(3);
            assertThat(s.get("vigil_broker_connected{}")).isEqualTo(1);
            assertThat(s.get("vigil_broker_published_total{topic=alerts}")).isEqualTo(2);
            depth.set(0);
            assertThat(Scrape.parse(m.scrape()).get("vigil_outbox_depth{link=nurse-call}")).isZero();
            assertThat(m.scrape()).contains("# HELP vigil_outbox_depth Reports waiting for the nurse call");
        }
    }

    @Test
    void fpsIsTheRecentRateAndFallsToZeroWhenFramesStop() {
        long s = 1_000_000_000L;
        RecentRate r = new RecentRate(5 * s);
        assertThat(r.perSecond(0)).isZero();
        for (int i = 0; i <= 50; i++) r.tick(i * s / 10); // 10 per second for 5 s
        assertThat(r.perSecond(5 * s)).isCloseTo(10, org.assertj.core.data.Offset.offset(0.01));
        for (int i = 1; i <= 25; i++) r.tick(5 * s + i * s / 5); // then 5 per second
        assertThat(r.perSecond(10 * s)).isCloseTo(5, org.assertj.core.data.Offset.offset(0.01));
        assertThat(r.perSecond(10 * s + 9 * s)).isCloseTo(5, org.assertj.core.data.Offset.offset(0.01));
        assertThat(r.perSecond(10 * s + 11 * s)).as("no frame for two windows").isZero();
        RecentRate partial = new RecentRate(5 * s);
        for (int i = 0; i <= 4; i++) partial.tick(i * s / 4); // 4 per second for 1 s only
        assertThat(partial.perSecond(s)).isCloseTo(4, org.assertj.core.data.Offset.offset(0.01));
        assertThat(Duration.ofNanos(PipelineMetrics.FPS_WINDOW_NANOS)).isEqualTo(Duration.ofSeconds(5));
    }
}
