package org.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.ward.ScoreTimeline;

/** One reader of monitor's status lines, for replays (eval.AlertReplay) and simulated edges (ward.ScoreTimeline). */
class ObservationLinesTest {
    @TempDir Path dir;

    @Test
    void statusLinesBecomeObservationsAndOtherLinesAreSkipped() throws Exception {
        Path f = Files.writeString(dir.resolve("t.jsonl"), """
                {"type":"status","bed":"bed-1","t":0.2,"assessability":"ok","confidence":0.8,"emotions":{"sad":0.9,"neutral":0.1}}
                {"type":"alert","bed":"bed-1","t":0.4}

                {"t":0.6,"assessability":"no_face","emotions":{"sad":0.9}}
                {"type":"status","bed":"bed-2","t":0.2,"emotions":{"neutral":1}}
                """);
        List<Observation> obs = ObservationLines.read(f, "fallback");
        assertThat(obs).extracting(Observation::bed).containsExactly("bed-1", "fallback", "bed-2");
        assertThat(obs.get(0).t()).isEqualTo(0.2);
        assertThat(obs.get(0).p("sad")).isEqualTo(0.9);
        assertThat(obs.get(0).confidence()).isEqualTo(0.8);
        assertThat(obs.get(1).assessability()).isEqualTo(Assessability.NO_FACE);
        assertThat(obs.get(1).emotions()).as("no scores kept for a face that cannot be judged").isEmpty();
        assertThat(obs.get(2).assessability()).isEqualTo(Assessability.OK);

        // The ward's timeline groups the same lines per bed.
        ScoreTimeline tl = ScoreTimeline.read(f);
        assertThat(tl.beds().keySet()).containsExactly("bed-1", "bed", "bed-2");
        assertThat(tl.forBed("bed-2")).singleElement().satisfies(o -> assertThat(o.p("neutral")).isEqualTo(1.0));
        assertThat(tl.forBed("bed-9")).as("a bed without lines plays the first bed's").isEqualTo(tl.beds().get("bed-1"));
    }

    @Test
    void badLinesAreNamedByFileAndLineInBothReaders() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.jsonl"), "{\"t\": 0}\n{\"t\": 1, \"assessability\": \"sideways\"}\n");
        assertThatThrownBy(() -> ObservationLines.read(f, "b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(f + ":2: unknown assessability 'sideways'");
        assertThatThrownBy(() -> ScoreTimeline.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(f + ":2: unknown assessability 'sideways'");
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "{\"type\":\"summary\"}\n");
        assertThatThrownBy(() -> ScoreTimeline.read(empty)).hasMessage("score timeline " + empty + " has no status lines");
        assertThatThrownBy(() -> ScoreTimeline.read(dir.resolve("gone.jsonl"))).hasMessageStartingWith("cannot read score timeline ");
    }
}
