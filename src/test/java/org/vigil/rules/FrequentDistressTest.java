package org.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertTransition;

/**
 * The frequent-alert pattern, precisely: with "more than K within M", the alert comes with the
 * (K+1)-th distress alert whose window (t - M, t] holds K+1 raises, never before.
 */
class FrequentDistressTest {
    static final String RULE = """
            rules:
              - {id: distress, emotions: [angry, sad], start: 0.6, end: 0.45, persist: 5, clear_after: 2, cooldown: 0}
            """;

    /** Distress episodes starting at these stream times (6 s sad, then calm); per episode, the events. */
    static List<List<AlertEvent>> episodes(AlarmEngine e, double... starts) {
        Timeline tl = new Timeline(e, "bed-1", 0);
        List<List<AlertEvent>> out = new ArrayList<>();
        for (double s : starts) {
            tl.calm(s - tl.t);
            List<AlertEvent> ev = new ArrayList<>(tl.sad(6, 0.9));
            ev.addAll(tl.calm(3));
            out.add(ev);
        }
        return out;
    }

    static long frequent(List<AlertEvent> ev) {
        return ev.stream().filter(x -> x.kind() == AlertKind.FREQUENT_DISTRESS && x.transition() == AlertTransition.RAISED).count();
    }

    static long distressRaised(List<AlertEvent> ev) {
        return ev.stream().filter(x -> x.kind() == AlertKind.DISTRESS && x.transition() == AlertTransition.RAISED).count();
    }

    AlarmEngine engine(String yaml) throws ConfigException {
        return new AlarmEngine(AlarmEngineTest.config(yaml), AlertManager.inMemory(AlarmEngineTest.DAY), AlarmEngineTest.DAY);
    }

    @Test
    void defaults_more_than_3_in_30_minutes_fire_with_the_4th_alert_and_not_before() throws Exception {
        AlarmEngine e = engine(RULE); // no 'frequent' section: the defaults
        assertThat(e.rules().frequent().moreThan()).isEqualTo(3);
        assertThat(e.rules().frequent().within()).isEqualTo(1800);
        List<List<AlertEvent>> eps = episodes(e, 10, 8 * 60, 16 * 60, 24 * 60, 26 * 60);
        for (List<AlertEvent> ep : eps) assertThat(distressRaised(ep)).as("each episode is one distress alert").isEqualTo(1);
        assertThat(eps.subList(0, 3)).allSatisfy(ep -> assertThat(frequent(ep)).as("1st to 3rd alert").isZero());
        assertThat(frequent(eps.get(3))).as("the 4th alert within 30 min").isEqualTo(1);
        AlertEvent f = eps.get(3).stream().filter(x -> x.kind() == AlertKind.FREQUENT_DISTRESS).findFirst().orElseThrow();
        assertThat(f.priority()).isEqualTo(AlertPriority.HIGH);
        assertThat(f.message()).contains("4 distress alerts in the last 30 min (more than 3)").contains("needs a person");
        assertThat(f.technical()).isFalse();
        assertThat(frequent(eps.get(4))).as("while it is open, no second one").isZero();
        assertThat(e.alerts().openFor("bed-1", AlertKind.FREQUENT_DISTRESS, AlarmEngine.FREQUENT_RULE))
                .as("latched: still open after the distress ended").isPresent();
    }

    @Test
    void an_alert_exactly_the_window_old_no_longer_counts() throws Exception {
        String cfg = RULE + "frequent: {more_than: 2, within: 60s, priority: medium}\n";
        // raises at r, 20+r, 60+r: the first is exactly 60 s old at the third -> 2 in the window, not more than 2
        List<List<AlertEvent>> eps = episodes(engine(cfg), 0, 20, 60, 70);
        assertThat(eps).extracting(FrequentDistressTest::distressRaised).containsExactly(1L, 1L, 1L, 1L);
        assertThat(eps).extracting(FrequentDistressTest::frequent).containsExactly(0L, 0L, 0L, 1L);
        // half a second earlier, the third alert finds all three in the window
        List<List<AlertEvent>> tight = episodes(engine(cfg), 0, 20, 59.5);
        assertThat(tight).extracting(FrequentDistressTest::frequent).containsExactly(0L, 0L, 1L);
        AlertEvent f = tight.get(2).stream().filter(x -> x.kind() == AlertKind.FREQUENT_DISTRESS).findFirst().orElseThrow();
        assertThat(f.priority()).isEqualTo(AlertPriority.MEDIUM);
        assertThat(f.message()).startsWith("3 distress alerts in the last 1 min (more than 2)");
    }

    @Test
    void can_be_switched_off_is_validated_and_shows_in_reload_diffs() throws Exception {
        List<List<AlertEvent>> eps = episodes(engine(RULE + "frequent: {enabled: false}\n"), 0, 15, 30, 45, 60);
        assertThat(eps).extracting(FrequentDistressTest::frequent).containsOnly(0L);
        assertThatThrownBy(() -> AlarmEngineTest.config(RULE + "frequent:\n  more_than: 0\n"))
                .hasMessageContaining("test.yaml:6:14").hasMessageContaining("more_than");
        assertThatThrownBy(() -> AlarmEngineTest.config(RULE + "frequent: {within: soon}\n")).hasMessageContaining("within");
        RuleSet a = AlarmEngineTest.config(RULE), b = AlarmEngineTest.config(RULE + "frequent: {more_than: 5}\n");
        assertThat(a.diff(b)).contains("+ frequent.more_than = 5");
        assertThat(b.frequent().moreThan()).isEqualTo(5);
        assertThat(ConfigLoader.loadDirectory(java.nio.file.Path.of("alerts-config")).frequent())
                .as("the shipped rules.yaml").isEqualTo(FrequentConfig.DEFAULT);
    }

    @Test
    void the_count_survives_a_restart_of_vigil(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path db = dir.resolve("alerts.db");
        java.time.Instant start = java.time.Instant.parse("2026-11-22T10:00:00Z");
        org.vigil.testing.StepClock clock = new org.vigil.testing.StepClock(start);
        // first run: three distress alerts, 8 minutes apart (wall clock moved with stream time)
        try (AlertManager m = new AlertManager(new org.vigil.alerts.AlertStore(db), clock)) {
            AlarmEngine e = new AlarmEngine(AlarmEngineTest.config(RULE), m, clock);
            Timeline tl = new Timeline(e, "bed-1", 0);
            for (double s : new double[] {10, 8 * 60, 16 * 60}) {
                tl.calm(s - tl.t);
                clock.set(start.plusMillis((long) (tl.t * 1000)));
                assertThat(distressRaised(tl.sad(6, 0.9))).isEqualTo(1);
                tl.calm(3);
            }
        }
        // Vigil restarts 4 minutes later: stream time starts again at 0; the 4th alert within 30 min
        clock.set(start.plusSeconds(20 * 60));
        try (AlertManager m = new AlertManager(new org.vigil.alerts.AlertStore(db), clock)) {
            List<AlertEvent> ev = episodes(new AlarmEngine(AlarmEngineTest.config(RULE), m, clock), 5).get(0);
            assertThat(distressRaised(ev)).isEqualTo(1);
            assertThat(frequent(ev)).as("4 distress alerts in 30 min, one run before the restart").isEqualTo(1);
            assertThat(ev.stream().filter(x -> x.kind() == AlertKind.FREQUENT_DISTRESS).findFirst().orElseThrow().message())
                    .startsWith("4 distress alerts in the last 30 min");
        }
        // another restart 40 minutes on: the earlier alerts are out of the window (one distress alert only)
        clock.set(start.plusSeconds(60 * 60));
        try (AlertManager m = new AlertManager(new org.vigil.alerts.AlertStore(db), clock)) {
            AlarmEngine e = new AlarmEngine(AlarmEngineTest.config(RULE), m, clock);
            m.openFor("bed-1", AlertKind.FREQUENT_DISTRESS, AlarmEngine.FREQUENT_RULE)
                    .ifPresent(a -> m.resolve(a.id(), "nurse", null));
            List<AlertEvent> ev = episodes(e, 5).get(0);
            assertThat(distressRaised(ev)).isEqualTo(1);
            assertThat(frequent(ev)).isZero();
        }
    }
}
