package org.vigil.pipeline;

/**
 * One call of the emotion model on the decision thread, for metrics.
 *
 * @param faces  crops classified in the call (all beds together)
 * @param failed the model threw or returned unusable scores
 */
public record BatchTiming(int faces, long nanos, boolean failed) {}
