package org.vigil.pipeline;

import org.vigil.alerts.AlertEvent;
import org.vigil.capture.SourceState;

/**
 * The in-process event API: the dashboard and other outputs subscribe here. Called from pipeline
 * threads; a listener must return quickly and hand work to its own thread (Swing: invokeLater).
 */
public interface PipelineListener {
    default void onStatus(BedStatus status) {}

    default void onAlert(AlertEvent event) {}

    /** Frames for live views, at a reduced rate; only sent when some listener wants them. */
    default void onFrame(FrameSnapshot frame) {}

    /** A source's technical state changed: connecting, running, reconnecting, offline, ended. */
    default void onSourceState(String bed, SourceState state, String detail) {}

    /** Every frame of every bed, on that bed's thread (metrics: frame rate, dropped frames). Must be cheap. */
    default void onFrameTiming(FrameTiming timing) {}

    /** Every emotion-model call (metrics: inference time). */
    default void onBatchTiming(BatchTiming timing) {}

    /** Every classification tick once published (metrics: decision and frame-to-alert latency). */
    default void onDecisionTiming(DecisionTiming timing) {}
}
