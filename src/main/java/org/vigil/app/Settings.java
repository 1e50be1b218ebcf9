package org.vigil.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigil.base.Defaults;
import org.vigil.capture.SourceSpec;
import org.vigil.metrics.MetricsAddress;
import org.vigil.track.BedRegion;

/**
 * Everything the application is assembled from ({@link Vigil}), one object for the monitor command,
 * the dashboard and the pipeline benchmark. Built with {@link #builder()}; every field starts at its
 * value in {@link Defaults}.
 *
 * @param model         emotion model file, or null for {@link Defaults#MODEL}
 * @param detector      "haar", "yunet" or null for the default ({@link Detection#defaults()})
 * @param yunetModel    YuNet ONNX file, or null for the default one
 * @param detectMaxSide detection image longest side (0: full frame; -1: auto)
 * @param alertsDb      alert database file, {@value Defaults#NONE}, or null for the rule in
 *                      {@link Defaults#alertsDb}
 * @param out           append-only JSON lines file, or null for none
 * @param loopFiles     video files start again when they end, like a camera
 * @param stopAfterS    each bed stops after this many seconds of stream time (infinity: never)
 * @param metrics       where to serve Prometheus metrics, or null for no metrics endpoint (the default)
 */
public record Settings(List<SourceSpec> sources, Map<String, BedRegion> regions, boolean realtime, int maxReconnects,
                       Path model, String detector, Path yunetModel, int detectMaxSide, double classifyFps,
                       double smoothingS, double frameSnapshotFps, Path rules, String alertsDb, Path out,
                       double statusEveryS, boolean loopFiles, double stopAfterS, MetricsAddress metrics) {
    public Settings {
        sources = List.copyOf(sources);
        regions = Map.copyOf(regions);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.sources = new ArrayList<>(sources);
        b.regions = regions;
        b.realtime = realtime;
        b.maxReconnects = maxReconnects;
        b.model = model;
        b.detector = detector;
        b.yunetModel = yunetModel;
        b.detectMaxSide = detectMaxSide;
        b.classifyFps = classifyFps;
        b.smoothingS = smoothingS;
        b.frameSnapshotFps = frameSnapshotFps;
        b.rules = rules;
        b.alertsDb = alertsDb;
        b.out = out;
        b.statusEveryS = statusEveryS;
        b.loopFiles = loopFiles;
        b.stopAfterS = stopAfterS;
        b.metrics = metrics;
        return b;
    }

    /** Whether a bed watches a camera, a stream or a looped file: a run that goes on until stopped. */
    public boolean anyLiveSource() {
        return loopFiles || sources.stream().anyMatch(s -> s.kind() != SourceSpec.Kind.FILE);
    }

    /** The alert database this run opens (null: memory only). */
    public Path alertsDbFile() {
        return Defaults.alertsDb(alertsDb, anyLiveSource());
    }

    /** "auto" (-1), 0 (full frame) or a size in pixels, as --detect-size takes it. */
    public static int parseDetectSize(String s) {
        if (s.equalsIgnoreCase("auto")) return -1;
        try {
            int v = Integer.parseInt(s);
            if (v >= 0) return v;
        } catch (NumberFormatException ignored) {
            // fall through to the message
        }
        throw new IllegalArgumentException("--detect-size must be auto, 0 (full frame) or a size in pixels, got " + s);
    }

    /** Settings field by field, each starting at its default. */
    public static final class Builder {
        private List<SourceSpec> sources = new ArrayList<>();
        private Map<String, BedRegion> regions = Map.of();
        private boolean realtime = true;
        private int maxReconnects = Defaults.MAX_RECONNECTS;
        private Path model;
        private String detector;
        private Path yunetModel;
        private int detectMaxSide = Defaults.DETECT_MAX_SIDE;
        private double classifyFps = Defaults.CLASSIFY_FPS;
        private double smoothingS = Defaults.SMOOTHING_S;
        private double frameSnapshotFps = Defaults.FRAME_SNAPSHOT_FPS;
        private Path rules = Defaults.RULES;
        private String alertsDb;
        private Path out;
        private double statusEveryS = Defaults.STATUS_EVERY_S;
        private boolean loopFiles;
        private double stopAfterS = Double.POSITIVE_INFINITY;
        private MetricsAddress metrics;

        private Builder() {}

        public Builder sources(List<SourceSpec> v) { sources = new ArrayList<>(v); return this; }
        public Builder regions(Map<String, BedRegion> v) { regions = v == null ? Map.of() : v; return this; }
        public Builder realtime(boolean v) { realtime = v; return this; }
        public Builder maxReconnects(int v) { maxReconnects = v; return this; }
        public Builder model(Path v) { model = v; return this; }
        public Builder detector(String kind, Path yunet) { detector = kind; yunetModel = yunet; return this; }
        public Builder detectMaxSide(int v) { detectMaxSide = v; return this; }
        public Builder classifyFps(double v) { classifyFps = v; return this; }
        public Builder smoothingS(double v) { smoothingS = v; return this; }
        public Builder frameSnapshotFps(double v) { frameSnapshotFps = v; return this; }
        public Builder rules(Path v) { rules = v; return this; }
        public Builder alertsDb(String v) { alertsDb = v; return this; }
        public Builder out(Path v) { out = v; return this; }
        public Builder statusEveryS(double v) { statusEveryS = v; return this; }
        public Builder loopFiles(boolean v) { loopFiles = v; return this; }
        public Builder stopAfterS(double v) { stopAfterS = v; return this; }
        public Builder metrics(MetricsAddress v) { metrics = v; return this; }

        public Settings build() {
            return new Settings(sources, regions, realtime, maxReconnects, model, detector, yunetModel, detectMaxSide,
                    classifyFps, smoothingS, frameSnapshotFps, rules, alertsDb, out, statusEveryS, loopFiles, stopAfterS, metrics);
        }
    }
}
