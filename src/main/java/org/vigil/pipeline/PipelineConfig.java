package org.vigil.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.vigil.base.Defaults;
import org.vigil.capture.CaptureOptions;
import org.vigil.capture.SourceSpec;
import org.vigil.track.BedRegion;

/**
 * Everything the monitoring pipeline is told at start.
 *
 * @param detector         "haar" or "yunet"
 * @param yunetModel       YuNet ONNX file when detector is yunet
 * @param detectMaxSide    detection runs on a copy whose longest side is at most this (0: full frame;
 *                         -1: auto, shrunk so that faces of minFacePx stay just detectable)
 * @param regions          bed region per bed name (absent: largest steady face)
 * @param classifyFps      emotion classifications per second per bed, in stream time
 * @param smoothingS       time constant of the exponential moving average over classifications
 * @param graceS           a face lost for less than this keeps the last estimate (hand over face, a nod)
 * @param minFacePx        patient faces smaller than this (shorter side, frame pixels) cannot be assessed
 * @param minBrightness    mean grey level of the face below which light is too low (0..255)
 * @param minTopScore      smoothed top class probability below which the estimate is too unsure
 * @param buildingLevel    smoothed distress (angry + sad) from which a bed shows DISTRESS_BUILDING
 * @param steadyS          a face must be tracked this long before it can become the patient
 * @param frameSnapshotFps frames per second sent to onFrame listeners (0: none); only made when a
 *                         listener registered for frames
 */
public record PipelineConfig(List<SourceSpec> sources, CaptureOptions capture, String detector, Path yunetModel,
                             int detectMaxSide, Map<String, BedRegion> regions, double classifyFps, double smoothingS,
                             double graceS, int minFacePx, double minBrightness, double minTopScore,
                             double buildingLevel, double steadyS, double frameSnapshotFps) {
    public PipelineConfig {
        sources = List.copyOf(sources);
        regions = Map.copyOf(regions);
        if (sources.isEmpty()) throw new IllegalArgumentException("no source given: pass --source <file|camera:N|rtsp://...>");
        long distinct = sources.stream().map(SourceSpec::bed).distinct().count();
        if (distinct != sources.size()) throw new IllegalArgumentException("two sources have the same bed name; give each --bed a unique name");
        if (classifyFps <= 0 || classifyFps > 60) throw new IllegalArgumentException("--classify-fps must be in (0, 60], got " + classifyFps);
    }

    public static PipelineConfig defaults(List<SourceSpec> sources, boolean realtime) {
        return new PipelineConfig(sources, CaptureOptions.defaults(realtime), Defaults.HAAR, null, Defaults.DETECT_MAX_SIDE,
                Map.of(), Defaults.CLASSIFY_FPS, Defaults.SMOOTHING_S, Defaults.GRACE_S, Defaults.MIN_FACE_PX,
                Defaults.MIN_BRIGHTNESS, Defaults.MIN_TOP_SCORE, Defaults.BUILDING_LEVEL, Defaults.STEADY_S,
                Defaults.FRAME_SNAPSHOT_FPS);
    }

    public PipelineConfig withDetector(String kind, Path yunet) {
        return new PipelineConfig(sources, capture, kind, yunet, detectMaxSide, regions, classifyFps, smoothingS, graceS,
                minFacePx, minBrightness, minTopScore, buildingLevel, steadyS, frameSnapshotFps);
    }

    public PipelineConfig withRegions(Map<String, BedRegion> r) {
        return new PipelineConfig(sources, capture, detector, yunetModel, detectMaxSide, r, classifyFps, smoothingS, graceS,
                minFacePx, minBrightness, minTopScore, buildingLevel, steadyS, frameSnapshotFps);
    }

    public PipelineConfig withClassifyFps(double fps) {
        return new PipelineConfig(sources, capture, detector, yunetModel, detectMaxSide, regions, fps, smoothingS, graceS,
                minFacePx, minBrightness, minTopScore, buildingLevel, steadyS, frameSnapshotFps);
    }

    public PipelineConfig withCapture(CaptureOptions c) {
        return new PipelineConfig(sources, c, detector, yunetModel, detectMaxSide, regions, classifyFps, smoothingS, graceS,
                minFacePx, minBrightness, minTopScore, buildingLevel, steadyS, frameSnapshotFps);
    }

    public PipelineConfig withSmoothing(double tauS) {
        return new PipelineConfig(sources, capture, detector, yunetModel, detectMaxSide, regions, classifyFps, tauS, graceS,
                minFacePx, minBrightness, minTopScore, buildingLevel, steadyS, frameSnapshotFps);
    }

    public PipelineConfig withFrameSnapshots(double fps) {
        return new PipelineConfig(sources, capture, detector, yunetModel, detectMaxSide, regions, classifyFps, smoothingS, graceS,
                minFacePx, minBrightness, minTopScore, buildingLevel, steadyS, fps);
    }

    public PipelineConfig withDetectMaxSide(int side) {
        return new PipelineConfig(sources, capture, detector, yunetModel, side, regions, classifyFps, smoothingS, graceS,
                minFacePx, minBrightness, minTopScore, buildingLevel, steadyS, frameSnapshotFps);
    }
}
