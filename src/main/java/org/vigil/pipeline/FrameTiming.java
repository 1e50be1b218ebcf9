package org.vigil.pipeline;

/**
 * One frame done on its bed thread (detected, tracked, patient chosen), for metrics.
 *
 * @param processingNanos frame decoded -> patient chosen
 * @param droppedFrames   frames this bed's source replaced before they were read, so far (live sources)
 */
public record FrameTiming(String bed, double t, int faces, long processingNanos, long droppedFrames) {}
