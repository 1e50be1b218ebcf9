package org.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vigil.capture.SourceSpec;

/** The dashboard's video-only view is the pipeline without a model: same capture, detection and patient choice. */
class PipelinePreviewTest {
    @Test
    void aPreviewShowsFramesWithThePatientAndDecidesNothing() throws Exception {
        PipelineConfig cfg = ClipRun.fast(List.of(SourceSpec.parse("p", ClipRun.video("pyfeat_single_face.mp4").toString())), 5)
                .toBuilder().frameSnapshotFps(10).build();
        RecordingListener rec = new RecordingListener();
        List<FrameSnapshot> frames = new CopyOnWriteArrayList<>();
        Pipeline p = Pipeline.preview(cfg);
        p.addListener(rec);
        p.addListener(new PipelineListener() {
            @Override
            public void onFrame(FrameSnapshot frame) {
                frames.add(frame);
            }
        }, true);
        p.start();
        assertThat(p.awaitSources(1, TimeUnit.MINUTES)).isTrue();
        p.close();
        assertThat(frames).as("live frames at the snapshot rate").hasSizeGreaterThan(10);
        assertThat(frames).as("the patient is chosen as in monitoring").anyMatch(f -> f.patient() != null);
        assertThat(rec.statuses).as("no model: no bed status").isEmpty();
        assertThat(rec.alerts).isEmpty();
        assertThat(rec.sources).anyMatch(s -> s[1].equals("running") && s[2].contains("video only"))
                .anyMatch(s -> s[1].equals("ended"));
        assertThat(p.stats().bed("p").frames.sum()).isEqualTo(72);
    }
}
