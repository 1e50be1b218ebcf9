package org.vigil.rules;

/**
 * Per-patient baseline: learn the resting expression during {@code calibration} seconds of
 * assessable observations, then judge deviation from it (some faces rest "sad").
 *
 * @param alertDuringCalibration true: rules use raw scores while calibrating (never blind);
 *                               false: distress alerts wait until calibration is done
 */
public record BaselineConfig(boolean enabled, double calibration, boolean alertDuringCalibration) {
    public static final BaselineConfig OFF = new BaselineConfig(false, 300, true);
}
