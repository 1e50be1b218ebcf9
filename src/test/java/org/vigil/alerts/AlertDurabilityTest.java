package org.vigil.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.rules.AlarmEngine;
import org.vigil.rules.Assessability;
import org.vigil.rules.ConfigLoader;
import org.vigil.rules.Observation;

/**
 * kill -9 in the middle of a run (a real separate JVM), then reopen the database: every
 * transition the process had reported is there exactly once, open alerts come back, and the
 * restarted engine does not raise duplicates for them.
 */
class AlertDurabilityTest {
    static final String CONFIG = """
            version: 1
            rules:
              - {id: distress, emotions: [angry, sad], start: 0.6, end: 0.45, persist: 10, clear_after: 2, cooldown: 0}
            frequent: {enabled: false}  # counts distress alerts only (FrequentDistressTest covers the pattern)
            """;

    @Test
    void killDashNineLosesAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        Path config = Files.createDirectories(dir.resolve("alerts-config"));
        Files.writeString(config.resolve("rules.yaml"), CONFIG);
        Path db = dir.resolve("var/alerts.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashDriver.class.getName(),
                config.toString(), db.toString()).redirectError(dir.resolve("driver.err").toFile()).start();
        List<String[]> seen = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("EV ")) seen.add(line.split(" "));
                if (seen.size() == 60) {
                    // mid-run, while it keeps writing: SIGKILL, no shutdown hooks, no close()
                    Process kill = new ProcessBuilder("kill", "-9", Long.toString(p.pid())).inheritIO().start();
                    assertThat(kill.waitFor()).isZero();
                }
            }
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("killed by SIGKILL (128+9); stderr: %s", Files.readString(dir.resolve("driver.err"))).isEqualTo(137);
        assertThat(seen.size()).isGreaterThanOrEqualTo(60);

        Map<String, List<String>> reported = new HashMap<>(); // alertId -> transitions the driver saw committed
        for (String[] ev : seen) reported.computeIfAbsent(ev[2], k -> new ArrayList<>()).add(ev[1]);

        try (AlertStore store = new AlertStore(db)) {
            List<AlertEvent> events = store.events(null, Instant.EPOCH, Instant.now().plusSeconds(60));
            Map<String, List<String>> stored = events.stream().collect(Collectors.groupingBy(AlertEvent::alertId,
                    Collectors.mapping(e -> e.transition().name(), Collectors.toList())));
            // nothing reported is lost; nothing is duplicated; at most the one transition in flight at the kill is extra
            for (Map.Entry<String, List<String>> e : reported.entrySet()) {
                List<String> s = stored.get(e.getKey());
                assertThat(s).as("alert %s", e.getKey()).isNotNull();
                assertThat(s.subList(0, e.getValue().size())).as("alert %s", e.getKey()).isEqualTo(e.getValue());
            }
            int extra = stored.entrySet().stream().mapToInt(e -> e.getValue().size() - reported.getOrDefault(e.getKey(), List.of()).size()).sum();
            assertThat(extra).isBetween(0, 1);
            for (List<String> s : stored.values()) {
                assertThat(s.stream().filter("RAISED"::equals).count()).isEqualTo(1);
                assertThat(s.stream().filter("ACKNOWLEDGED"::equals).count()).isLessThanOrEqualTo(1);
                assertThat(s.stream().filter("RESOLVED"::equals).count()).isLessThanOrEqualTo(1);
            }
            // the alerts table agrees with the audit trail
            Set<String> openByEvents = stored.entrySet().stream().filter(e -> !e.getValue().contains("RESOLVED")).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            assertThat(store.openAlerts()).extracting(Alert::id).containsExactlyInAnyOrderElementsOf(openByEvents);
            assertThat(openByEvents).as("the run must have been killed with alerts open").isNotEmpty();
            for (Alert a : store.openAlerts()) {
                boolean acked = stored.get(a.id()).contains("ACKNOWLEDGED");
                assertThat(a.acknowledged()).isEqualTo(acked);
                if (acked) assertThat(a.ackedBy()).startsWith("nurse-");
            }
        }

        // restart: the open alerts come back, and the same ongoing condition does not raise them again
        Clock clock = Clock.systemUTC();
        try (AlertManager alerts = new AlertManager(new AlertStore(db), clock)) {
            List<Alert> restored = alerts.openAlerts();
            assertThat(restored).isNotEmpty();
            AlarmEngine engine = new AlarmEngine(ConfigLoader.loadDirectory(config), alerts, clock);
            List<AlertEvent> after = new ArrayList<>();
            Set<String> beds = restored.stream().map(Alert::bed).collect(Collectors.toSet());
            for (String bed : beds) {
                for (int i = 0; i <= 30; i++) after.addAll(engine.observe(new Observation(bed, i, Assessability.OK, Map.of("sad", 0.9), 1)));
            }
            assertThat(after).noneMatch(e -> e.transition() == AlertTransition.RAISED);
            for (String bed : beds) {
                for (int i = 31; i <= 40; i++) after.addAll(engine.observe(new Observation(bed, i, Assessability.OK, Map.of("neutral", 0.9), 1)));
            }
            assertThat(after).filteredOn(e -> e.transition() == AlertTransition.RESOLVED).extracting(AlertEvent::alertId)
                    .containsExactlyInAnyOrderElementsOf(restored.stream().map(Alert::id).toList());
            assertThat(alerts.openAlerts()).isEmpty();
        }
    }
}
