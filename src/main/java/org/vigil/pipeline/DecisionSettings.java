package org.vigil.pipeline;

/**
 * What the decision path needs: how often a bed is classified, how scores are smoothed, when an
 * estimate is too unsure, and when a bed shows distress building.
 *
 * @param classifyFps   emotion classifications per second per bed, in stream time
 * @param smoothingS    time constant of the exponential moving average over classifications
 * @param graceS        a face lost for less than this keeps the last estimate (hand over face, a nod)
 * @param minTopScore   smoothed top class probability below which the estimate is too unsure
 * @param buildingLevel smoothed distress (angry + sad) from which a bed shows DISTRESS_BUILDING
 */
public record DecisionSettings(double classifyFps, double smoothingS, double graceS, double minTopScore, double buildingLevel) {
    public DecisionSettings {
        if (classifyFps <= 0 || classifyFps > 60) throw new IllegalArgumentException("--classify-fps must be in (0, 60], got " + classifyFps);
    }
}
