package org.vigil.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alerts.AlertEvent;

/** Fans events out to the registered listeners; a failing listener is logged, never fatal. */
final class Listeners {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);
    private final List<PipelineListener> all = new CopyOnWriteArrayList<>();
    private volatile boolean wantFrames;

    void add(PipelineListener l, boolean frames) {
        all.add(l);
        if (frames) wantFrames = true;
    }

    boolean wantsFrames() {
        return wantFrames;
    }

    void status(BedStatus s) {
        for (PipelineListener l : all) {
            try {
                l.onStatus(s);
            } catch (RuntimeException e) {
                log.warn("listener {} failed on status: {}", l, e.toString());
            }
        }
    }

    void alert(AlertEvent a) {
        for (PipelineListener l : all) {
            try {
                l.onAlert(a);
            } catch (RuntimeException e) {
                log.warn("listener {} failed on alert: {}", l, e.toString());
            }
        }
    }

    void frame(FrameSnapshot f) {
        for (PipelineListener l : all) {
            try {
                l.onFrame(f);
            } catch (RuntimeException e) {
                log.warn("listener {} failed on frame: {}", l, e.toString());
            }
        }
    }

    void frameTiming(FrameTiming t) {
        for (PipelineListener l : all) {
            try {
                l.onFrameTiming(t);
            } catch (RuntimeException e) {
                log.warn("listener {} failed on frame timing: {}", l, e.toString());
            }
        }
    }

    void batchTiming(BatchTiming t) {
        for (PipelineListener l : all) {
            try {
                l.onBatchTiming(t);
            } catch (RuntimeException e) {
                log.warn("listener {} failed on batch timing: {}", l, e.toString());
            }
        }
    }

    void decisionTiming(DecisionTiming t) {
        for (PipelineListener l : all) {
            try {
                l.onDecisionTiming(t);
            } catch (RuntimeException e) {
                log.warn("listener {} failed on decision timing: {}", l, e.toString());
            }
        }
    }

    void source(String bed, org.vigil.capture.SourceState state, String detail) {
        for (PipelineListener l : all) {
            try {
                l.onSourceState(bed, state, detail);
            } catch (RuntimeException e) {
                log.warn("listener {} failed on source state: {}", l, e.toString());
            }
        }
    }
}
