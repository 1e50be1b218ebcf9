package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.vigil.pipeline.FrameTiming;
import org.vigil.pipeline.PipelineListener;
import org.vigil.testing.SharedFiles;

/** Closing the backend stops its real pipeline, and a second close (window handler and shutdown both) is harmless. */
class PipelineBackendCloseTest {

    @Test
    void closing_twice_stops_the_running_pipeline_once_and_does_not_throw() throws Exception {
        Path clip = SharedFiles.require("data/videos/pyfeat_single_face.mp4");
        AtomicInteger frames = new AtomicInteger();
        CountDownLatch firstFrame = new CountDownLatch(1);
        PipelineBackend backend = PipelineBackend.preview(Map.of(), true);
        backend.startAll(Map.of("Bed 1", clip.toString()), new PipelineListener() {
            @Override
            public void onFrameTiming(FrameTiming timing) {
                frames.incrementAndGet();
                firstFrame.countDown();
            }
        });
        assertThat(firstFrame.await(60, TimeUnit.SECONDS)).as("the real clip reaches the listener").isTrue();
        assertThat(backend.stats()).as("a pipeline runs").isNotNull();

        backend.close();
        assertThat(backend.stats()).as("closed: no pipeline left").isNull();
        int afterClose = frames.get();
        assertThatCode(backend::close).as("a second close").doesNotThrowAnyException();
        Thread.sleep(500);
        assertThat(frames.get()).as("no frames once closed (the clip loops, so a running pipeline would send more)")
                .isEqualTo(afterClose);
    }

    @Test
    void closing_a_backend_that_never_started_twice_does_not_throw() {
        PipelineBackend backend = PipelineBackend.preview(Map.of(), false);
        backend.close();
        assertThatCode(backend::close).doesNotThrowAnyException();
        assertThat(backend.stats()).isNull();
    }
}
