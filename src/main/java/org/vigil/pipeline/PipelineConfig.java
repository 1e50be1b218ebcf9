package org.vigil.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.vigil.base.Defaults;
import org.vigil.capture.CaptureOptions;
import org.vigil.capture.SourceSpec;
import org.vigil.track.BedRegion;

/**
 * Everything the monitoring pipeline is told at start: its sources, how they are read, the bed
 * threads' detection settings and the decision thread's settings.
 *
 * @param frameSnapshotFps frames per second sent to onFrame listeners (0: none); only made when a
 *                         listener registered for frames
 */
public record PipelineConfig(List<SourceSpec> sources, CaptureOptions capture, DetectionSettings detection,
                             DecisionSettings decision, double frameSnapshotFps) {
    public PipelineConfig {
        sources = List.copyOf(sources);
        if (sources.isEmpty()) throw new IllegalArgumentException("no source given: pass --source <file|camera:N|rtsp://...>");
        long distinct = sources.stream().map(SourceSpec::bed).distinct().count();
        if (distinct != sources.size()) throw new IllegalArgumentException("two sources have the same bed name; give each --bed a unique name");
    }

    /** The defaults ({@code base.Defaults}) for these sources. */
    public static PipelineConfig defaults(List<SourceSpec> sources, boolean realtime) {
        return builder(sources, realtime).build();
    }

    /** A builder starting at the defaults ({@code base.Defaults}) for these sources. */
    public static Builder builder(List<SourceSpec> sources, boolean realtime) {
        return new Builder(sources, realtime);
    }

    /** A builder starting at this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The settings field by field; {@link #build()} checks them. */
    public static final class Builder {
        private List<SourceSpec> sources;
        private CaptureOptions capture;
        private String detector = Defaults.HAAR;
        private Path yunetModel;
        private int detectMaxSide = Defaults.DETECT_MAX_SIDE;
        private Map<String, BedRegion> regions = Map.of();
        private double classifyFps = Defaults.CLASSIFY_FPS;
        private double smoothingS = Defaults.SMOOTHING_S;
        private double graceS = Defaults.GRACE_S;
        private int minFacePx = Defaults.MIN_FACE_PX;
        private double minBrightness = Defaults.MIN_BRIGHTNESS;
        private double minTopScore = Defaults.MIN_TOP_SCORE;
        private double buildingLevel = Defaults.BUILDING_LEVEL;
        private double steadyS = Defaults.STEADY_S;
        private double frameSnapshotFps = Defaults.FRAME_SNAPSHOT_FPS;

        private Builder(List<SourceSpec> sources, boolean realtime) {
            this.sources = sources;
            this.capture = CaptureOptions.defaults(realtime);
        }

        private Builder(PipelineConfig c) {
            sources = c.sources;
            capture = c.capture;
            DetectionSettings d = c.detection;
            detector = d.detector();
            yunetModel = d.yunetModel();
            detectMaxSide = d.detectMaxSide();
            regions = d.regions();
            minFacePx = d.minFacePx();
            minBrightness = d.minBrightness();
            steadyS = d.steadyS();
            DecisionSettings e = c.decision;
            classifyFps = e.classifyFps();
            smoothingS = e.smoothingS();
            graceS = e.graceS();
            minTopScore = e.minTopScore();
            buildingLevel = e.buildingLevel();
            frameSnapshotFps = c.frameSnapshotFps;
        }

        public Builder sources(List<SourceSpec> v) { sources = v; return this; }
        public Builder capture(CaptureOptions v) { capture = v; return this; }
        public Builder detector(String kind, Path yunet) { detector = kind; yunetModel = yunet; return this; }
        public Builder detectMaxSide(int v) { detectMaxSide = v; return this; }
        public Builder regions(Map<String, BedRegion> v) { regions = v; return this; }
        public Builder classifyFps(double v) { classifyFps = v; return this; }
        public Builder smoothingS(double v) { smoothingS = v; return this; }
        public Builder graceS(double v) { graceS = v; return this; }
        public Builder minFacePx(int v) { minFacePx = v; return this; }
        public Builder minBrightness(double v) { minBrightness = v; return this; }
        public Builder minTopScore(double v) { minTopScore = v; return this; }
        public Builder buildingLevel(double v) { buildingLevel = v; return this; }
        public Builder steadyS(double v) { steadyS = v; return this; }
        public Builder frameSnapshotFps(double v) { frameSnapshotFps = v; return this; }

        public PipelineConfig build() {
            return new PipelineConfig(sources, capture,
                    new DetectionSettings(detector, yunetModel, detectMaxSide, regions, minFacePx, minBrightness, steadyS),
                    new DecisionSettings(classifyFps, smoothingS, graceS, minTopScore, buildingLevel), frameSnapshotFps);
        }
    }
}
