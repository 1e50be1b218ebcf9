package org.vigil.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vigil.testing.SharedFiles;

/**
 * --loop on the real 2.4 s smiling clip: the file starts again like a camera, stream time runs on
 * without going back, a restart is not reported as a source problem, and real-time playback stays
 * real time across restarts (no burst of frames).
 */
class LoopedFileTest {
    private static final String CLIP = "data/videos/pyfeat_single_face.mp4";

    record Got(double t, long wallNanos) {}

    record Run(List<Got> frames, List<SourceState> states, long wallNanos) {}

    private static Run capture(CaptureOptions options) throws InterruptedException {
        SourceSpec spec = SourceSpec.parse("bed-1", SharedFiles.require(CLIP).toString());
        FrameSlot slot = new FrameSlot(false);
        List<SourceState> states = new CopyOnWriteArrayList<>();
        CaptureThread cap = new CaptureThread(spec, options, slot, (s, state, detail) -> states.add(state));
        Thread th = new Thread(cap, "test-capture");
        long t0 = System.nanoTime();
        th.start();
        List<Got> frames = new ArrayList<>();
        while (true) {
            Frame f = slot.take(200, TimeUnit.MILLISECONDS);
            if (f == null) {
                if (slot.isClosed()) break;
                continue;
            }
            frames.add(new Got(f.t(), System.nanoTime()));
            f.release();
        }
        th.join(10_000);
        return new Run(frames, states, System.nanoTime() - t0);
    }

    @Test
    void loopedFileRunsPastItsEndWithStreamTimeGoingOn() throws Exception {
        Run r = capture(CaptureOptions.defaults(false).withLoopFiles(true).withStopAfter(7.5));
        // 72 frames per 2.4 s pass: three whole passes and part of a fourth before 7.5 s.
        assertThat(r.frames().size()).isBetween(3 * 72 + 1, 4 * 72 - 1);
        assertThat(r.frames().get(r.frames().size() - 1).t()).isGreaterThan(7.0).isLessThanOrEqualTo(7.5);
        for (int i = 1; i < r.frames().size(); i++) {
            double step = r.frames().get(i).t() - r.frames().get(i - 1).t();
            // strictly increasing, and a restart steps one frame (1/30 s) like any other frame
            assertThat(step).as("frame %d", i).isGreaterThan(0).isLessThan(0.05);
        }
        assertThat(r.states()).containsExactly(SourceState.CONNECTING, SourceState.RUNNING);
    }

    @Test
    void withoutLoopTheFileStillEnds() throws Exception {
        Run r = capture(CaptureOptions.defaults(false));
        assertThat(r.frames()).hasSize(72);
        assertThat(r.states()).containsExactly(SourceState.CONNECTING, SourceState.RUNNING, SourceState.ENDED);
    }

    @Test
    void realTimeLoopStaysRealTime() throws Exception {
        Run r = capture(CaptureOptions.defaults(true).withLoopFiles(true).withStopAfter(5.5));
        List<Got> f = r.frames();
        assertThat(f.get(f.size() - 1).t()).isGreaterThan(5.0);
        long first = f.get(0).wallNanos();
        for (Got g : f) {
            // a frame never arrives before its stream time, so no catch-up burst after a restart (a loaded
            // machine may make frames late; that is not what this checks)
            double wall = (g.wallNanos() - first) / 1e9, stream = g.t() - f.get(0).t();
            assertThat(wall).as("frame at stream %.3f s", g.t()).isGreaterThan(stream - 0.02);
        }
        // the second pass (stream 2.4-4.8 s) takes its 2.4 s of wall time too
        Got start = f.stream().filter(g -> g.t() >= 2.4).findFirst().orElseThrow();
        Got end = f.stream().filter(g -> g.t() >= 4.7).findFirst().orElseThrow();
        assertThat((end.wallNanos() - start.wallNanos()) / 1e9).isGreaterThan(end.t() - start.t() - 0.05);
    }
}
