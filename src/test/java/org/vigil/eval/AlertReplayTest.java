package org.vigil.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.rules.Assessability;
import org.vigil.rules.ConfigLoader;
import org.vigil.rules.Observation;
import org.vigil.rules.RuleSet;

/**
 * Replays the score timelines recorded from the real clips (docs/alerts-timelines, made by
 * ./run.sh monitor with the Keras reference model; see docs/alerts.md) through the presets.
 */
class AlertReplayTest {
    static final Path TIMELINES = Path.of("docs/alerts-timelines");
    static final List<String> CALM = List.of("pyfeat_single_face", "pyfeat_noface_face", "pyfeat_face_noface", "facenet-pytorch_video");

    static RuleSet preset(String name) throws Exception {
        return ConfigLoader.loadDirectory(Path.of("alerts-config/presets/" + name + ".yaml"));
    }

    static AlertReplay.Result replay(String preset, String clip) throws Exception {
        return AlertReplay.replay(clip, preset(preset), AlertReplay.read(TIMELINES.resolve(clip + ".jsonl"), clip));
    }

    @Test
    void readsMonitorStatusLinesIncludingCannotAssess() throws Exception {
        List<Observation> obs = AlertReplay.read(TIMELINES.resolve("pyfeat_face_noface.jsonl"), "x");
        assertThat(obs).isNotEmpty().allSatisfy(o -> assertThat(o.bed()).isEqualTo("pyfeat_face_noface"));
        assertThat(obs).anySatisfy(o -> assertThat(o.assessability()).isEqualTo(Assessability.OK))
                .anySatisfy(o -> assertThat(o.assessability()).isEqualTo(Assessability.NO_FACE));
        assertThat(obs).filteredOn(o -> !o.assessability().assessable()).allSatisfy(o -> assertThat(o.emotions()).isEmpty());
    }

    @Test
    void moreSensitivePresetsAlertEarlierOnTheDistressClipAndNoneAlertOnCalmClips() throws Exception {
        AlertReplay.Result sensitive = replay("sensitive", "wolfganglanger");
        AlertReplay.Result balanced = replay("balanced", "wolfganglanger");
        AlertReplay.Result conservative = replay("conservative", "wolfganglanger");
        assertThat(sensitive.raised()).isEqualTo(1);
        assertThat(sensitive.firstAlert()).isLessThanOrEqualTo(balanced.firstAlert());
        // the clip's sad stretch (about 5 s) is shorter than the conservative 20 s persistence
        assertThat(conservative.raised()).isZero();
        assertThat(sensitive.aboveStart()).isGreaterThan(conservative.aboveStart());
        for (String preset : List.of("sensitive", "balanced", "conservative")) {
            for (String clip : CALM) {
                assertThat(replay(preset, clip).raised()).as("%s on %s", preset, clip).isZero();
            }
        }
    }

    @Test
    void aReplayIsJudgedAtNoonInTheRulesZoneSoTheNightShiftNeverApplies(@TempDir Path dir) throws Exception {
        // UTC+14: noon UTC would be 02:00 there, inside the shipped night shift (persist 40 s, not 15 s)
        Path rules = Files.writeString(dir.resolve("rules.yaml"),
                "zone: Pacific/Kiritimati\n" + Files.readString(Path.of("alerts-config/rules.yaml")));
        List<Observation> sad = new java.util.ArrayList<>();
        for (int t = 0; t < 30; t++) {
            sad.add(new Observation("far", t, Assessability.OK, java.util.Map.of("sad", 0.9, "neutral", 0.1), 1.0));
        }
        AlertReplay.Result r = AlertReplay.replay("far", ConfigLoader.loadDirectory(rules), sad);
        assertThat(r.raised()).isEqualTo(1);
        assertThat(r.firstAlert()).isBetween(14.0, 16.0);
    }

    @Test
    void badTimelineLinesAreNamedByFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.jsonl");
        Files.writeString(f, "{\"t\": 0, \"emotions\": {\"sad\": 0.5}}\n{\"t\": 1, \"assessability\": \"sideways\"}\n");
        assertThatThrownBy(() -> AlertReplay.read(f, "b")).hasMessage(f + ":2: unknown assessability 'sideways'");
        Files.writeString(f, "{\"emotions\": {}}\n");
        assertThatThrownBy(() -> AlertReplay.read(f, "b")).hasMessage(f + ":1: missing numeric \"t\"");
        Files.writeString(f, "{\"t\": 0}\nnot json\n");
        assertThatThrownBy(() -> AlertReplay.read(f, "b")).hasMessageStartingWith(f + ":2: not a JSON object");
    }
}
