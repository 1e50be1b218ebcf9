package org.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.capture.CaptureOptions;
import org.vigil.capture.SourceSpec;
import org.vigil.classify.EmotionModel;
import org.vigil.app.Vigil;

/**
 * A source that comes back with another resolution and frame rate (a camera reconfigured, a recorder
 * swapped): here a looping file replaced between passes, 640x360 at 30 fps by 960x540 HEVC at a
 * variable rate. Detection, tracking and classification carry on at the new size; nothing stops.
 */
class SourceResolutionChangeTest {
    @Test
    void theBedIsStillWatchedAfterTheSourceChangesSize(@TempDir Path dir) throws Exception {
        Path live = dir.resolve("camera.mp4");
        Files.copy(ClipRun.video("pyfeat_single_face.mp4"), live);
        List<FrameSnapshot> frames = new CopyOnWriteArrayList<>();
        RecordingListener rec = new RecordingListener();
        PipelineConfig cfg = ClipRun.fast(List.of(SourceSpec.parse("bed-1", live.toString())), 5).toBuilder()
                .capture(CaptureOptions.defaults(true).withLoopFiles(true).withStopAfter(9.0))
                .frameSnapshotFps(5).build();
        try (EmotionModel model = Vigil.loadModel(null)) {
            Pipeline p = new Pipeline(cfg, model, null);
            p.addListener(rec);
            p.addListener(new PipelineListener() {
                @Override
                public void onFrame(FrameSnapshot f) {
                    frames.add(f);
                }
            }, true);
            p.start();
            // during the first pass (2.4 s), replace the file: the loop restart opens the new one
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (frames.isEmpty() && System.nanoTime() < until) Thread.sleep(20);
            Path next = Files.copy(ClipRun.video("pyfeat_noface_face.mov"), dir.resolve("next.tmp"));
            Files.move(next, live, StandardCopyOption.REPLACE_EXISTING);
            assertThat(p.awaitSources(2, TimeUnit.MINUTES)).isTrue();
            p.close();
        }
        assertThat(frames).as("frames at the first size").anyMatch(f -> f.image().getWidth() == 640);
        assertThat(frames).as("frames at the new size").anyMatch(f -> f.image().getWidth() == 960);
        FrameSnapshot lastBig = frames.stream().filter(f -> f.image().getWidth() == 960).reduce((a, b) -> b).orElseThrow();
        assertThat(frames).as("the face found in the new frames, in their coordinates")
                .anyMatch(f -> f.image().getWidth() == 960 && f.patient() != null && f.patient().x() + f.patient().width() > 0);
        assertThat(rec.statuses).as("statuses go on after the change")
                .anyMatch(s -> s.t() > 2.5 && s.assessability().assessable());
        assertThat(rec.sources).as("no source problem reported").noneMatch(s -> s[1].equals("offline"));
        assertThat(lastBig.t()).isGreaterThan(2.4);
    }
}
