package org.vigil.pipeline;

import java.nio.file.Path;
import java.util.Map;
import org.vigil.track.BedRegion;

/**
 * What a bed's thread needs: find faces, pick the patient, judge whether the face can be assessed.
 *
 * @param detector      "haar" or "yunet"
 * @param yunetModel    YuNet ONNX file when detector is yunet
 * @param detectMaxSide detection runs on a copy whose longest side is at most this (0: full frame;
 *                      -1: auto, shrunk so that faces of minFacePx stay just detectable)
 * @param regions       bed region per bed name (absent: largest steady face)
 * @param minFacePx     patient faces smaller than this (shorter side, frame pixels) cannot be assessed
 * @param minBrightness mean grey level of the face below which light is too low (0..255)
 * @param steadyS       a face must be tracked this long before it can become the patient
 */
public record DetectionSettings(String detector, Path yunetModel, int detectMaxSide, Map<String, BedRegion> regions,
                                int minFacePx, double minBrightness, double steadyS) {
    public DetectionSettings {
        regions = Map.copyOf(regions);
    }
}
