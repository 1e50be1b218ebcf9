package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.Alert;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertTransition;
import org.vigil.base.Defaults;
import org.vigil.testing.SmallDisk;

/**
 * The alert database's disk fills up while Vigil runs (a real SQLite file on a real 512 KB tmpfs):
 * the technical alert "storage" is raised, alerting goes on (a new alert is shown and can be
 * acknowledged), what was stored before stays, and the steps the disk refused are written, in order,
 * once there is space again; then the storage alert ends.
 */
class AlertStoreDiskFullTest {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aFullAlertDatabaseRaisesStorageKeepsTheAlertsAndWritesThemWhenSpaceReturns(@TempDir Path dir) throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir, 512)) {
            Path db = disk.path().resolve("alerts.db");
            List<AlertEvent> events = new CopyOnWriteArrayList<>();
            String before, during, after;
            try (AlertSystem sys = AlertSystem.open(Defaults.RULES, db, Clock.systemUTC())) {
                AlertManager alerts = sys.alerts();
                alerts.subscribe(events::add);
                before = raise(alerts, "bed-1");
                disk.fill(0);

                during = raise(alerts, "bed-2");
                AlertEvent storage = await(events, e -> e.kind() == AlertKind.STORAGE && e.transition() == AlertTransition.RAISED, 20);
                assertThat(storage.message()).contains(db.toString());
                // Alerting goes on: the new alert is open and a nurse can acknowledge it.
                assertThat(alerts.acknowledge(during, "nurse-a")).isPresent();
                assertThat(alerts.openAlerts()).extracting(Alert::id).contains(before, during, storage.alertId());
                assertThat(alerts.unwrittenCount()).as("raise, storage alert, acknowledgement wait").isGreaterThanOrEqualTo(3);
                // What was stored before is still there; what came after is not yet.
                assertThat(steps(db)).containsExactly(before + " RAISED");

                disk.free();
                // The manager retries every few seconds.
                await(events, e -> e.kind() == AlertKind.STORAGE && e.transition() == AlertTransition.RESOLVED, 30);
                assertThat(alerts.unwrittenCount()).isZero();
                assertThat(alerts.lostCount()).as("every step written whole (the connection is back in a transaction)").isZero();
                // And the store takes new steps at once again.
                after = raise(alerts, "bed-3");
                assertThat(alerts.unwrittenCount()).isZero();
                assertThat(steps(db)).endsWith(after + " RAISED");
            }
            // Every step is in the file, in the order it happened.
            String storageId = events.stream().filter(e -> e.kind() == AlertKind.STORAGE).findFirst().orElseThrow().alertId();
            assertThat(steps(db)).containsExactly(before + " RAISED", during + " RAISED", storageId + " RAISED",
                    during + " ACKNOWLEDGED", storageId + " RESOLVED", after + " RAISED");
        }
    }

    private static String raise(AlertManager alerts, String bed) {
        return alerts.raise(bed, AlertKind.DISTRESS, "distress", AlertPriority.HIGH, 1, Map.of("sad", 0.8), "lasting distress", false)
                .orElseThrow().alertId();
    }

    private static AlertEvent await(List<AlertEvent> events, Predicate<AlertEvent> p, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            for (AlertEvent e : events) if (p.test(e)) return e;
            Thread.sleep(100);
        }
        throw new AssertionError("no such alert event within " + seconds + " s; events: " + events);
    }

    /** The stored transitions, "id TRANSITION" in order, read through a connection of its own. */
    private static List<String> steps(Path db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT alert_id, transition FROM alert_events ORDER BY seq")) {
            while (rs.next()) out.add(rs.getString(1) + " " + rs.getString(2));
        }
        return out;
    }
}
