package org.vigil.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.testing.StepClock;

/** Retention on a real SQLite file: old closed alerts go, open ones stay, the file shrinks. */
class AlertRetentionTest {

    @Test
    void deletesClosedAlertsPastTheDaysKeepsOpenOnesAndCompacts(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("alerts.db");
        StepClock clock = new StepClock(Instant.parse("2026-08-01T08:00:00Z"));
        String padding = "x".repeat(2_000);
        String stillOpen;
        try (AlertStore store = new AlertStore(db)) {
            AlertManager m = new AlertManager(store, clock);
            // 200 days ago: 300 alerts raised and resolved, and one left open.
            for (int i = 0; i < 300; i++) {
                String id = m.raise("bed-" + (i % 4), AlertKind.DISTRESS, "distress", AlertPriority.MEDIUM, i, Map.of("sad", 0.8),
                        padding, false).orElseThrow().alertId();
                m.resolve(id, "nurse", "seen");
            }
            stillOpen = m.raise("bed-9", AlertKind.CAMERA_OFFLINE, "technical", AlertPriority.MEDIUM, 0, Map.of(), "offline", false)
                    .orElseThrow().alertId();
            clock.step(Duration.ofDays(200));
            String recent = m.raise("bed-1", AlertKind.DISTRESS, "distress", AlertPriority.MEDIUM, 1, Map.of(), "recent", false)
                    .orElseThrow().alertId();
            m.resolve(recent, "nurse", "seen");
            store.compact();
            StoreSize before = store.size();
            assertThat(before.alerts()).isEqualTo(302);

            int deleted = new AlertRetention(store, () -> 90, clock).run();

            assertThat(deleted).isEqualTo(300);
            StoreSize after = store.size();
            assertThat(after.alerts()).isEqualTo(2);
            assertThat(after.openAlerts()).isEqualTo(1);
            assertThat(after.events()).isEqualTo(3); // the open one's raise, the recent one's raise and resolve
            assertThat(after.fileBytes()).as("compacted").isLessThan(before.fileBytes() / 4);
            assertThat(after.walBytes()).isZero();
            assertThat(store.openAlerts()).extracting(Alert::id).containsExactly(stillOpen);
        }
        // And it is the file on disk that holds this, after a reopen.
        try (AlertStore again = new AlertStore(db)) {
            assertThat(again.size().alerts()).isEqualTo(2);
            assertThat(again.alerts(null, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")))
                    .extracting(Alert::message).containsExactlyInAnyOrder("offline", "recent");
        }
        assertThat(Files.size(db)).isPositive();
    }

    @Test
    void nothingOldMeansNoChange(@TempDir Path dir) throws Exception {
        StepClock clock = new StepClock(Instant.parse("2026-12-01T08:00:00Z"));
        try (AlertStore store = new AlertStore(dir.resolve("a.db"))) {
            AlertManager m = new AlertManager(store, clock);
            String id = m.raise("bed-1", AlertKind.DISTRESS, "distress", AlertPriority.MEDIUM, 0, Map.of(), "m", false).orElseThrow().alertId();
            m.resolve(id, "nurse", "ok");
            clock.step(Duration.ofDays(89));
            assertThat(new AlertRetention(store, () -> 90, clock).run()).isZero();
            assertThat(store.size().alerts()).isEqualTo(1);
        }
    }
}
