package org.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertStore;
import org.vigil.alerts.AlertTransition;
import org.vigil.testing.StepClock;

/**
 * The wall clock stepped an hour forward and back while an episode builds (NTP correction, a daylight
 * saving mistake): persistence, escalation and clearing count stream time, so the alert comes at the
 * same stream second as without the steps; the steps only show in the wall-clock stamps.
 */
class ClockStepTest {
    static final String RULES = """
            version: 1
            rules:
              - {id: distress, emotions: [angry, sad], start: 0.6, end: 0.45, persist: 10s, clear_after: 3s, cooldown: 0s,
                 escalation: [{after: 20s, to: charge-nurse}]}
            frequent: {enabled: false}
            """;

    record Step(double t, AlertTransition transition) {}

    static List<Step> run(Path db, boolean stepTheClock) throws Exception {
        StepClock clock = new StepClock(Instant.parse("2026-12-01T02:00:00Z"));
        List<Step> out = new ArrayList<>();
        try (AlertManager alerts = new AlertManager(new AlertStore(db), clock)) {
            AlarmEngine engine = new AlarmEngine(ConfigLoader.parse("rules.yaml", RULES), alerts, clock);
            for (int i = 0; i <= 160; i++) {
                double t = i * 0.5;
                clock.step(Duration.ofMillis(500));
                if (stepTheClock && t == 4.0) clock.step(Duration.ofHours(1));   // mid-episode, forward
                if (stepTheClock && t == 8.0) clock.step(Duration.ofHours(-1));  // and back before it alerts
                if (stepTheClock && t == 20.0) clock.step(Duration.ofHours(-1)); // back while it waits to escalate
                boolean distress = t < 60;
                Observation o = new Observation("bed-1", t, Assessability.OK,
                        distress ? Map.of("sad", 0.9) : Map.of("neutral", 0.9), 1);
                for (AlertEvent e : engine.observe(o)) out.add(new Step(e.t(), e.transition()));
            }
        }
        return out;
    }

    @Test
    void stepsOfTheWallClockDoNotMoveWhenAnEpisodeAlertsEscalatesOrEnds(@TempDir Path dir) throws Exception {
        List<Step> steady = run(dir.resolve("steady.db"), false);
        List<Step> stepped = run(dir.resolve("stepped.db"), true);
        assertThat(steady).extracting(Step::transition)
                .containsExactly(AlertTransition.RAISED, AlertTransition.ESCALATED, AlertTransition.RESOLVED);
        assertThat(steady.get(0).t()).as("raised after 10 s of persistence").isEqualTo(10.0);
        assertThat(stepped).as("the same steps at the same stream seconds").isEqualTo(steady);
        // the stamps nurses read are wall clock: the store keeps what the clock said
        try (AlertStore s = new AlertStore(dir.resolve("stepped.db"))) {
            List<AlertEvent> ev = s.events(null, Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z"));
            assertThat(ev).extracting(AlertEvent::transition).containsExactly(AlertTransition.RAISED, AlertTransition.ESCALATED,
                    AlertTransition.RESOLVED);
        }
    }
}
