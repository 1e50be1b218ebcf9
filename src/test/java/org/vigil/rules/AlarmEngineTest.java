package org.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertTransition;

/** Scripted timelines through the engine on stream time (no sleeping, no wall clock). */
class AlarmEngineTest {
    static final Clock DAY = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    static RuleSet config(String rulesYaml) throws ConfigException {
        return ConfigLoader.parse("test.yaml", "version: 1\nzone: UTC\n" + rulesYaml);
    }

    static final String BASIC = """
            rules:
              - id: distress
                emotions: [angry, sad]
                start: 0.6
                end: 0.45
                persist: 20
                clear_after: 5
                grace: 10
                cooldown: 60
                priority: medium
            """;

    AlarmEngine engine(String yaml, Clock clock) throws ConfigException {
        return new AlarmEngine(config(yaml), AlertManager.inMemory(clock), clock);
    }

    static List<AlertEvent> of(List<AlertEvent> ev, AlertTransition tr) {
        return ev.stream().filter(e -> e.transition() == tr).toList();
    }

    @Test
    void defaultConfigInTheRepositoryLoads() throws Exception {
        RuleSet rs = ConfigLoader.loadDirectory(Path.of("alerts-config"));
        assertThat(rs.rules()).extracting(DistressRuleConfig::id).contains("distress");
        DistressRuleConfig d = rs.rules().get(0);
        assertThat(d.end()).isLessThan(d.start());
        assertThat(d.emotions()).containsExactlyInAnyOrder("angry", "sad");
    }

    @Test
    void raisesOnlyAfterTheConditionPersistsAndOnlyOnce() throws Exception {
        AlarmEngine e = engine(BASIC, DAY);
        Timeline tl = new Timeline(e, "bed-1", 0);
        tl.calm(5);
        tl.sad(20, 0.8); // the first sad observation (t=5.5) opens the episode: held is 19.5 s at t=25
        assertThat(tl.events).isEmpty();
        assertThat(e.episodeUnderWay("bed-1")).isTrue();
        assertThat(e.alerts().openAlerts()).isEmpty();
        List<AlertEvent> ev = tl.sad(0.5, 0.8);
        assertThat(ev).singleElement().satisfies(a -> {
            assertThat(a.transition()).isEqualTo(AlertTransition.RAISED);
            assertThat(a.kind()).isEqualTo(AlertKind.DISTRESS);
            assertThat(a.t()).isEqualTo(25.5);
            assertThat(a.priority()).isEqualTo(AlertPriority.MEDIUM);
        });
        tl.sad(60, 0.8);
        assertThat(of(tl.events, AlertTransition.RAISED)).hasSize(1);
        assertThat(e.alerts().openAlerts()).singleElement().satisfies(a -> assertThat(a.kind()).isEqualTo(AlertKind.DISTRESS));
        assertThat(e.alerts().openAlerts()).hasSize(1);
    }

    @Test
    void sumOfAngryAndSadCountsAsDistress() throws Exception {
        AlarmEngine e = engine(BASIC, DAY);
        Timeline tl = new Timeline(e, "bed-1", 0);
        tl.hold(30, Map.of("angry", 0.35, "sad", 0.35, "neutral", 0.3));
        assertThat(of(tl.events, AlertTransition.RAISED)).hasSize(1);
    }

    @Test
    void hysteresisKeepsAnEpisodeBetweenEndAndStartAndEndsBelowEnd() throws Exception {
        AlarmEngine e = engine(BASIC, DAY);
        Timeline tl = new Timeline(e, "bed-1", 0);
        tl.sad(5, 0.7);
        tl.sad(20, 0.5); // below start but above end: the episode keeps building
        assertThat(of(tl.events, AlertTransition.RAISED)).hasSize(1);
        tl.sad(4.5, 0.3); // a dip below end shorter than clear_after does not end it
        assertThat(of(tl.events, AlertTransition.RESOLVED)).isEmpty();
        tl.sad(10, 0.5);
        tl.sad(5, 0.3);
        assertThat(of(tl.events, AlertTransition.RESOLVED)).singleElement()
                .satisfies(r -> assertThat(r.actor()).isEqualTo(AlertManager.SYSTEM));
        assertThat(e.alerts().openAlerts()).isEmpty();

        // a score between end and start never starts an episode on its own
        AlarmEngine e2 = engine(BASIC, DAY);
        Timeline t2 = new Timeline(e2, "bed-2", 0);
        t2.sad(120, 0.55);
        assertThat(t2.events).isEmpty();
        assertThat(e2.episodeUnderWay("bed-2")).isFalse();
        assertThat(e2.alerts().openAlerts()).isEmpty();
    }

    @Test
    void notAssessableNeverRaisesAndNeverCountsButShortGapsOnlyPause() throws Exception {
        AlarmEngine e = engine(BASIC, DAY);
        Timeline tl = new Timeline(e, "bed-1", 0);
        // a broken pipeline sending scores with a turned face must still not raise
        tl.play(300, Assessability.FACE_TURNED, Map.of("sad", 1.0));
        assertThat(of(tl.events, AlertTransition.RAISED)).allSatisfy(a -> assertThat(a.kind()).isNotEqualTo(AlertKind.DISTRESS));

        AlarmEngine p = engine(BASIC, DAY);
        Timeline pause = new Timeline(p, "bed-1", 0);
        pause.sad(10, 0.8);                                       // held 9.5 s (first obs opens the episode)
        pause.play(8, Assessability.NO_FACE, Map.of());           // gap < grace: paused
        assertThat(pause.events).isEmpty();
        assertThat(p.episodeUnderWay("bed-1")).isTrue(); // paused through the gap, not reset
        pause.sad(10, 0.8);
        List<AlertEvent> raised = pause.sad(1, 0.8);
        assertThat(of(raised, AlertTransition.RAISED)).singleElement()
                .satisfies(a -> assertThat(a.t()).isEqualTo(28.5)); // 20 s of assessable time, the 8 s gap not counted

        AlarmEngine r = engine(BASIC, DAY);
        Timeline reset = new Timeline(r, "bed-1", 0);
        reset.sad(15, 0.8);
        reset.play(12, Assessability.LOW_LIGHT, Map.of());         // gap > grace: the episode resets
        reset.sad(19, 0.8);
        assertThat(reset.events).isEmpty();
        assertThat(of(reset.sad(2, 0.8), AlertTransition.RAISED)).hasSize(1);
    }

    @Test
    void cooldownDelaysTheNextAlertForTheSameBed() throws Exception {
        AlarmEngine e = engine(BASIC, DAY);
        Timeline tl = new Timeline(e, "bed-1", 0);
        tl.sad(25, 0.8);
        tl.calm(6);
        assertThat(of(tl.events, AlertTransition.RESOLVED)).hasSize(1);
        double resolvedAt = of(tl.events, AlertTransition.RESOLVED).get(0).t();
        tl.sad(30, 0.8); // persists again, but within the 60 s cool-down
        assertThat(of(tl.events, AlertTransition.RAISED)).hasSize(1);
        List<AlertEvent> later = tl.sad(40, 0.8); // still distressed when the cool-down ends: raised then
        assertThat(of(later, AlertTransition.RAISED)).singleElement()
                .satisfies(a -> assertThat(a.t()).isEqualTo(resolvedAt + 60));
        // another bed is not affected by bed-1's cool-down
        Timeline other = new Timeline(e, "bed-2", 0);
        assertThat(of(other.sad(21, 0.8), AlertTransition.RAISED)).hasSize(1);
    }

    static final String ESCALATING = """
            rules:
              - id: distress
                start: 0.6
                end: 0.45
                persist: 10
                reraise_after: 5m
                escalation:
                  - {after: 2m, to: charge-nurse, priority: high}
                  - {after: 5m, to: ward-manager}
            """;

    @Test
    void unacknowledgedAlertsEscalateStepByStep() throws Exception {
        AlarmEngine e = engine(ESCALATING, DAY);
        Timeline tl = new Timeline(e, "bed-1", 0);
        AlertEvent raised = of(tl.sad(11, 0.8), AlertTransition.RAISED).get(0);
        tl.sad(119, 0.8);
        assertThat(of(tl.events, AlertTransition.ESCALATED)).isEmpty();
        tl.sad(1, 0.8);
        assertThat(of(tl.events, AlertTransition.ESCALATED)).singleElement().satisfies(x -> {
            assertThat(x.priority()).isEqualTo(AlertPriority.HIGH);
            assertThat(x.message()).contains("charge-nurse");
            assertThat(x.t() - raised.t()).isEqualTo(120.0);
        });
        tl.sad(180, 0.8);
        assertThat(of(tl.events, AlertTransition.ESCALATED)).hasSize(2);
        assertThat(e.alerts().openAlerts().get(0).recipient()).isEqualTo("ward-manager");
        assertThat(e.alerts().openAlerts().get(0).escalationLevel()).isEqualTo(2);
    }

    @Test
    void acknowledgementStopsEscalationAndAPersistentConditionReraises() throws Exception {
        AlarmEngine e = engine(ESCALATING, DAY);
        Timeline tl = new Timeline(e, "bed-1", 0);
        String id = of(tl.sad(11, 0.8), AlertTransition.RAISED).get(0).alertId();
        tl.sad(60, 0.8);
        AlertEvent ack = e.alerts().acknowledge(id, "nurse.kim").orElseThrow();
        assertThat(ack.actor()).isEqualTo("nurse.kim");
        assertThat(e.alerts().acknowledge(id, "nurse.lee")).isEmpty(); // already acknowledged
        tl.sad(299, 0.8);
        assertThat(of(tl.events, AlertTransition.ESCALATED)).isEmpty();
        List<AlertEvent> re = tl.sad(2, 0.8);
        assertThat(of(re, AlertTransition.RAISED)).singleElement().satisfies(r -> {
            assertThat(r.alertId()).isEqualTo(id); // the same alert, unacknowledged again
            assertThat(r.message()).contains("after acknowledgement");
        });
        assertThat(e.alerts().openAlerts()).singleElement().satisfies(a -> assertThat(a.acknowledged()).isFalse());
    }

    @Test
    void latchedAlertsStayOpenUntilResolvedByAPerson() throws Exception {
        AlarmEngine e = engine(BASIC.replace("priority: medium", "priority: high\n    latched: true"), DAY);
        Timeline tl = new Timeline(e, "bed-1", 0);
        String id = of(tl.sad(21, 0.8), AlertTransition.RAISED).get(0).alertId();
        tl.calm(30);
        assertThat(of(tl.events, AlertTransition.RESOLVED)).isEmpty();
        assertThat(e.alerts().openAlerts()).singleElement().satisfies(a -> assertThat(a.conditionActive()).isFalse());
        tl.sad(25, 0.8); // a new episode while the latched alert is open: no duplicate
        assertThat(of(tl.events, AlertTransition.RAISED)).hasSize(1);
        AlertEvent res = e.alerts().resolve(id, "nurse.kim", "patient comforted").orElseThrow();
        assertThat(res.actor()).isEqualTo("nurse.kim");
        assertThat(e.alerts().openAlerts()).isEmpty();
    }

    @Test
    void baselineJudgesDeviationFromAPatientsRestingExpression() throws Exception {
        String yaml = BASIC + """
                beds:
                  bed-sad-face:
                    baseline: {enabled: true, calibration: 60, alert_during_calibration: false}
                """;
        AlarmEngine e = engine(yaml, DAY);
        Timeline rest = new Timeline(e, "bed-sad-face", 0);
        rest.sad(60, 0.62); // this face rests "sad": calibration, alerts held back
        rest.sad(120, 0.66); // raw score above start, but only a little above the resting level
        assertThat(rest.events).isEmpty();
        assertThat(e.baseline("bed-sad-face").get("sad")).isCloseTo(0.62, org.assertj.core.data.Offset.offset(0.01));
        rest.sad(25, 0.95); // (0.95-0.62)/(1-0.62) = 0.87: real distress for this patient
        assertThat(of(rest.events, AlertTransition.RAISED)).hasSize(1);

        // a patient distressed through the whole calibration can still alert (the resting level is capped)
        AlarmEngine e3 = engine(yaml.replace("bed-sad-face:", "bed-sad-face-2:"), DAY);
        Timeline always = new Timeline(e3, "bed-sad-face-2", 0);
        always.sad(60, 0.95);
        assertThat(always.events).isEmpty();
        assertThat(of(always.sad(25, 0.95), AlertTransition.RAISED)).hasSize(1);

        // the same scores on a bed without baseline alert during the 0.62..0.66 stretch
        Timeline plain = new Timeline(e, "bed-2", 0);
        plain.sad(60, 0.62);
        assertThat(of(plain.events, AlertTransition.RAISED)).hasSize(1);
    }

    @Test
    void nightShiftAndPerBedOverridesChangeTheEffectiveRule() throws Exception {
        String yaml = BASIC + """
                shifts:
                  - {name: night, from: "22:00", to: "07:00", rules: {distress: {persist: 40, priority: low}}}
                beds:
                  bed-7: {rules: {distress: {start: 0.9, end: 0.8}}}
                """;
        Clock night = Clock.fixed(Instant.parse("2026-11-22T23:30:00Z"), ZoneOffset.UTC);
        AlarmEngine e = engine(yaml, night);
        Timeline tl = new Timeline(e, "bed-1", 0);
        tl.sad(39, 0.8);
        assertThat(tl.events).isEmpty();
        assertThat(of(tl.sad(2, 0.8), AlertTransition.RAISED)).singleElement()
                .satisfies(a -> assertThat(a.priority()).isEqualTo(AlertPriority.LOW));
        AlarmEngine day = engine(yaml, DAY);
        Timeline b7 = new Timeline(day, "bed-7", 0);
        b7.sad(60, 0.85);
        assertThat(b7.events).isEmpty();
        assertThat(of(b7.sad(21, 0.95), AlertTransition.RAISED)).hasSize(1);
    }

    @Test
    void fractionOfTheLastWindow() throws Exception {
        AlarmEngine e = engine(BASIC.replace("persist: 20", "persist: 20\n    within: 30"), DAY);
        Timeline tl = new Timeline(e, "bed-1", 0);
        // on/off in 4 s / 2 s blocks: continuous persistence would never be reached with clear_after 1
        for (int i = 0; i < 4; i++) {
            tl.sad(4, 0.8);
            tl.sad(2, 0.1);
        }
        assertThat(tl.events).isEmpty(); // 16 s on out of the last 24
        for (int i = 0; i < 2; i++) {
            tl.sad(4, 0.8);
            tl.sad(2, 0.1);
        }
        assertThat(of(tl.events, AlertTransition.RAISED)).hasSize(1);
    }

    @Test
    void technicalAlertsForCameraOfflineAndPatientNotVisible() throws Exception {
        String yaml = BASIC + "technical: {camera_offline_after: 10, not_visible_after: 60, priority: high}\n";
        AlarmEngine e = engine(yaml, DAY);
        Timeline tl = new Timeline(e, "bed-1", 0);
        tl.calm(5);
        tl.play(9.5, Assessability.CAMERA_OFFLINE, Map.of());
        assertThat(tl.events).isEmpty();
        List<AlertEvent> off = tl.play(2, Assessability.CAMERA_OFFLINE, Map.of());
        assertThat(of(off, AlertTransition.RAISED)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.CAMERA_OFFLINE);
            assertThat(a.technical()).isTrue();
            assertThat(a.priority()).isEqualTo(AlertPriority.HIGH);
        });
        assertThat(e.alerts().openAlerts()).anySatisfy(a -> assertThat(a.kind()).isEqualTo(AlertKind.CAMERA_OFFLINE));
        tl.play(59.5, Assessability.NO_FACE, Map.of());
        assertThat(of(tl.events, AlertTransition.RESOLVED)).singleElement().satisfies(r -> assertThat(r.kind()).isEqualTo(AlertKind.CAMERA_OFFLINE));
        assertThat(of(tl.events, AlertTransition.RAISED)).hasSize(1);
        tl.play(1, Assessability.FACE_TOO_SMALL, Map.of());
        assertThat(of(tl.events, AlertTransition.RAISED)).last().satisfies(a -> assertThat(a.kind()).isEqualTo(AlertKind.NOT_VISIBLE));
        tl.calm(1);
        assertThat(e.alerts().openAlerts()).isEmpty();

        assertThat(e.modelFailure("bed-1", tl.t, "NaN output")).singleElement()
                .satisfies(a -> assertThat(a.kind()).isEqualTo(AlertKind.MODEL_FAILURE));
        assertThat(e.modelFailure("bed-1", tl.t, "NaN output")).isEmpty();
        assertThat(e.modelRecovered("bed-1", tl.t)).singleElement()
                .satisfies(a -> assertThat(a.transition()).isEqualTo(AlertTransition.RESOLVED));
        // scores for an assessable face also prove the model works again
        e.modelFailure("bed-1", tl.t, "exception");
        assertThat(tl.play(5, Assessability.NO_FACE, Map.of())).isEmpty();
        assertThat(tl.calm(0.5)).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(AlertKind.MODEL_FAILURE);
            assertThat(r.transition()).isEqualTo(AlertTransition.RESOLVED);
        });
    }

    @Test
    void aStreamRestartingItsClockRestartsEpisodes() throws Exception {
        AlarmEngine e = engine(BASIC, DAY);
        Timeline tl = new Timeline(e, "bed-1", 100);
        tl.sad(15, 0.8);
        tl.t = 0; // new file or reconnect with a fresh clock: 15 s before the jump must not count
        tl.sad(15, 0.8);
        assertThat(tl.events).isEmpty();
        assertThat(of(tl.sad(6, 0.8), AlertTransition.RAISED)).hasSize(1);
    }

    @Test
    void withinWindowCountsGapsAsNotOnButSurvivesShortOnes() throws Exception {
        AlarmEngine e = engine(BASIC.replace("persist: 20", "persist: 10\n    within: 20"), DAY);
        Timeline tl = new Timeline(e, "bed-1", 0);
        tl.sad(6, 0.8);
        tl.play(8, Assessability.FACE_TURNED, Map.of("sad", 1.0)); // gap < grace: not counted, not reset
        tl.sad(4, 0.8);
        assertThat(tl.events).isEmpty(); // 9.5 s on within the last 18 s
        assertThat(of(tl.sad(1, 0.8), AlertTransition.RAISED)).hasSize(1);
    }

    @Test
    void aReloadKeepsRunningEpisodesAndAppliesNewThresholds() throws Exception {
        AlarmEngine e = engine(BASIC, DAY);
        Timeline tl = new Timeline(e, "bed-1", 0);
        tl.sad(15, 0.8);
        e.apply(config(BASIC.replace("persist: 20", "persist: 30")));
        tl.sad(10, 0.8);
        assertThat(tl.events).isEmpty();
        assertThat(of(tl.sad(6, 0.8), AlertTransition.RAISED)).hasSize(1);
    }
}
