package org.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vigil.base.Defaults;
import org.vigil.capture.SourceSpec;
import org.vigil.testing.SharedFiles;

/**
 * A bed that cannot keep up with its camera drops frames, and the count is there while it runs
 * (a soak samples it every 10 s), not only once the bed stops. Real clip played in real time
 * through JavaCV; the slow consumer is a listener that takes 100 ms per frame on the bed's thread.
 */
class LiveDroppedFramesTest {
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aSlowBedCountsItsDroppedFramesWhileRunning() throws Exception {
        PipelineConfig cfg = PipelineConfig.builder(List.of(SourceSpec.parse("slow",
                        ClipRun.video("pyfeat_WolfgangLanger_Pexels.mp4").toString())), true)
                .detector(Defaults.YUNET, SharedFiles.require(Defaults.SHARED_YUNET))
                .build();
        Pipeline p = Pipeline.preview(cfg);
        p.addListener(new PipelineListener() {
            @Override
            public void onFrameTiming(FrameTiming timing) {
                try {
                    Thread.sleep(100); // 24 fps in, at most 10 fps out
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        PipelineStats.BedCounters bed = p.stats().bed("slow");
        p.start();
        try {
            long first = awaitDrops(bed, 1, 20);
            Thread.sleep(3000);
            long later = bed.dropped.sum();
            long frames = bed.frames.sum();
            assertThat(first).as("drops counted while the bed runs").isPositive();
            assertThat(later).as("and the count keeps rising").isGreaterThan(first);
            // 24 frames/s offered, at most 10/s read: more dropped than read.
            assertThat(later).as("dropped vs %d frames read", frames).isGreaterThan(frames);
        } finally {
            p.close();
        }
    }

    /** The running drop count once it reaches {@code atLeast}, waiting at most {@code seconds}. */
    private static long awaitDrops(PipelineStats.BedCounters bed, long atLeast, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (bed.dropped.sum() < atLeast && System.nanoTime() < end) Thread.sleep(100);
        return bed.dropped.sum();
    }
}
