package org.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmotionSmootherTest {
    static final List<String> L = List.of("angry", "happy", "sad");

    @Test
    void oneOddFrameMovesTheEstimateOnlyALittleAndRateDoesNotMatter() {
        EmotionSmoother slow = new EmotionSmoother(L, 1.5);
        EmotionSmoother fast = new EmotionSmoother(L, 1.5);
        for (int i = 0; i <= 20; i++) slow.add(i * 0.5, new float[] {0, 1, 0});
        for (int i = 0; i <= 100; i++) fast.add(i * 0.1, new float[] {0, 1, 0});
        slow.add(10.2, new float[] {0, 0, 1}); // one sad frame
        assertThat(slow.scores().get("sad")).isLessThan(0.15);
        assertThat(slow.topLabel()).isEqualTo("happy");
        // a sustained change wins after a few time constants, at any classification rate
        for (int i = 1; i <= 30; i++) {
            slow.add(10.2 + i * 0.2, new float[] {0, 0, 1});
            fast.add(10.0 + i * 0.2, new float[] {0, 0, 1});
        }
        assertThat(slow.sum(Set.of("sad"))).isGreaterThan(0.95);
        assertThat(fast.scores().get("sad")).isCloseTo(slow.scores().get("sad"), offset(0.05));
    }

    @Test
    void wrongScoreCountIsAClearError() {
        assertThatThrownBy(() -> new EmotionSmoother(L, 1).add(0, new float[7])).hasMessageContaining("7 scores for 3 labels");
    }

    @Test
    void wardFileListsBedsSourcesAndRegionsAndNamesBadEntries(@TempDir Path tmp) throws Exception {
        Path ok = Files.writeString(tmp.resolve("ward.yaml"), """
                ward: ward-a
                beds:
                  - bed: bed-1
                    source: camera:0
                    region: 0.2,0.1,0.6,0.8
                  - bed: bed-2
                    source: rtsp://cam2.local/stream
                    region: [0, 0, 0.5, 1]
                  - bed: bed-3
                    source: clips/bed3.mp4
                """);
        WardFile w = WardFile.read(ok);
        assertThat(w.ward()).isEqualTo("ward-a");
        assertThat(w.beds()).hasSize(3);
        assertThat(w.beds().get(0).region().width()).isEqualTo(0.6);
        assertThat(w.beds().get(1).region().width()).isEqualTo(0.5);
        assertThat(w.beds().get(2).region()).isNull();
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "beds:\n  - bed: a\n    source: camera:0\n  - bed: b\n");
        assertThatThrownBy(() -> WardFile.read(bad)).hasMessageContaining("bed #2").hasMessageContaining("missing 'source'");
        Path dup = Files.writeString(tmp.resolve("dup.yaml"), "beds:\n  - {bed: a, source: camera:0}\n  - {bed: a, source: camera:1}\n");
        assertThatThrownBy(() -> WardFile.read(dup)).hasMessageContaining("appears twice");
        Path region = Files.writeString(tmp.resolve("region.yaml"), "beds:\n  - {bed: a, source: camera:0, region: '0.9,0,0.5,1'}\n");
        assertThatThrownBy(() -> WardFile.read(region)).hasMessageContaining("region.yaml").hasMessageContaining("x+w <= 1");
    }
}
