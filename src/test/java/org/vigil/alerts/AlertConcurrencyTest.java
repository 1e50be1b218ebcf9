package org.vigil.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.rules.AlarmEngine;
import org.vigil.rules.Assessability;
import org.vigil.rules.ConfigLoader;
import org.vigil.rules.Observation;

/** Pipeline threads observing while a "dashboard" thread acknowledges and resolves: no lost or doubled steps. */
class AlertConcurrencyTest {
    @Test
    void pipelineAndDashboardThreadsTogether(@TempDir Path dir) throws Exception {
        var rules = ConfigLoader.parse("r.yaml", "rules:\n  - {id: distress, start: 0.6, end: 0.45, persist: 5, clear_after: 2, cooldown: 0}\n"
                + "frequent: {enabled: false}\n"); // one alert per episode; the frequent pattern has its own test
        try (AlertManager alerts = new AlertManager(new AlertStore(dir.resolve("a.db")), Clock.systemUTC())) {
            AlarmEngine engine = new AlarmEngine(rules, alerts, Clock.systemUTC());
            ConcurrentLinkedQueue<AlertEvent> heard = new ConcurrentLinkedQueue<>();
            alerts.subscribe(heard::add);
            AtomicBoolean done = new AtomicBoolean();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> beds = new java.util.ArrayList<>();
            for (int b = 0; b < 3; b++) {
                String bed = "bed-" + b;
                beds.add(new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < 1500; i++) {
                        boolean sad = (i / 40) % 2 == 0; // 20 s distress, 20 s calm
                        engine.observe(new Observation(bed, i * 0.5, Assessability.OK,
                                sad ? Map.of("sad", 0.9) : Map.of("neutral", 0.9), 1));
                    }
                }));
            }
            Thread nurse = new Thread(() -> {
                int n = 0;
                while (!done.get()) {
                    for (Alert a : alerts.openAlerts()) {
                        if (n++ % 3 == 0) alerts.resolve(a.id(), "nurse.kim", null);
                        else alerts.acknowledge(a.id(), "nurse.kim");
                    }
                    Thread.onSpinWait();
                }
            });
            beds.forEach(Thread::start);
            nurse.start();
            go.countDown();
            for (Thread t : beds) t.join();
            done.set(true);
            nurse.join();

            List<AlertEvent> stored;
            try (AlertStore s = new AlertStore(dir.resolve("a.db"))) {
                stored = s.events(null, Instant.EPOCH, Instant.now().plusSeconds(5));
            }
            // Every announced step is stored; the only stored steps not announced are "seen after it ended"
            // acknowledgements (AlertManager.acknowledgeEndedLocked: for other listeners that alert had ended).
            java.util.Set<String> resolved = new java.util.HashSet<>();
            List<AlertEvent> announceable = new java.util.ArrayList<>();
            for (AlertEvent e : stored) {
                if (e.transition() == AlertTransition.ACKNOWLEDGED && resolved.contains(e.alertId())) continue;
                if (e.transition() == AlertTransition.RESOLVED) resolved.add(e.alertId());
                announceable.add(e);
            }
            assertThat(announceable).hasSameSizeAs(heard).hasSizeGreaterThan(50);
            Map<String, List<AlertTransition>> byAlert = stored.stream().collect(Collectors.groupingBy(AlertEvent::alertId,
                    Collectors.mapping(AlertEvent::transition, Collectors.toList())));
            for (List<AlertTransition> steps : byAlert.values()) {
                assertThat(steps.get(0)).isEqualTo(AlertTransition.RAISED);
                assertThat(steps.stream().filter(s -> s == AlertTransition.RAISED)).hasSize(1);
                assertThat(steps.stream().filter(s -> s == AlertTransition.ACKNOWLEDGED).count()).isLessThanOrEqualTo(1);
                assertThat(steps.stream().filter(s -> s == AlertTransition.RESOLVED).count()).isLessThanOrEqualTo(1);
                if (steps.contains(AlertTransition.RESOLVED)) {
                    // resolved is last, or followed only by the nurse's "seen after it ended"
                    List<AlertTransition> after = steps.subList(steps.indexOf(AlertTransition.RESOLVED) + 1, steps.size());
                    assertThat(after).allMatch(s -> s == AlertTransition.ACKNOWLEDGED);
                }
            }
            // each bed had 18 or 19 distress episodes; every one raised exactly one alert
            assertThat(byAlert).hasSizeBetween(3 * 18, 3 * 19);
        }
    }
}
