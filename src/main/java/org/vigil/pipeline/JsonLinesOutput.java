package org.vigil.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vigil.alerts.AlertEvent;
import org.vigil.base.RollingLineFile;
import org.vigil.detect.FaceBox;

/**
 * Status and alerts as JSON lines, to stdout and/or an append-only file (rolled by size and day,
 * old parts deleted: {@link RollingLineFile}). Every line has "type"
 * (status, alert, technical, summary), "bed" and "t" (stream seconds). Status lines are written
 * when a bed's state or assessability changes and otherwise every {@code statusIntervalS}.
 */
public final class JsonLinesOutput implements PipelineListener, AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JsonLinesOutput.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final RollingLineFile file;
    /** The file's current write failure (null: writing works); reported once per episode. */
    private String fileProblem;
    private java.util.function.BiConsumer<Path, String> storageListener = (f, problem) -> { };
    private final double statusIntervalS;
    private final double buildingLevel;
    private final Map<String, BedStatus> lastWritten = new HashMap<>();
    private final Map<String, Double> lastT = new HashMap<>();
    /** Stream time at which the bed's smoothed distress last rose to the building level. */
    private final Map<String, Double> distressSince = new HashMap<>();

    /**
     * @param out  stdout or null
     * @param file appended to (created if absent), or null
     */
    public JsonLinesOutput(PrintStream out, Path file, double statusIntervalS, double buildingLevel) {
        this.out = out;
        this.statusIntervalS = statusIntervalS;
        this.buildingLevel = buildingLevel;
        try {
            if (file != null) {
                // Bounded: rolls by size and day, old parts deleted (a box runs for weeks).
                this.file = RollingLineFile.forJsonLines(file);
            } else {
                this.file = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the JSON output file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void onStatus(BedStatus s) {
        lastT.put(s.bed(), s.t());
        if (s.assessability().assessable() && s.distress() >= buildingLevel) {
            distressSince.putIfAbsent(s.bed(), s.t());
        } else if (s.state() != BedState.ALERT) {
            distressSince.remove(s.bed());
        }
        BedStatus prev = lastWritten.get(s.bed());
        boolean due = prev == null || prev.state() != s.state() || prev.assessability() != s.assessability()
                || s.t() - prev.t() >= statusIntervalS;
        if (!due) return;
        lastWritten.put(s.bed(), s);
        Map<String, Object> m = head("status", s.bed(), s.t());
        m.put("state", s.state().wire());
        m.put("assessability", s.assessability().wire());
        m.put("since", round(s.stateSince()));
        m.put("confidence", s.confidence());
        m.put("emotions", new java.util.TreeMap<>(s.emotions()));
        if (s.patient() != null) {
            FaceBox p = s.patient();
            Map<String, Object> face = new LinkedHashMap<>();
            face.put("x", p.x());
            face.put("y", p.y());
            face.put("w", p.width());
            face.put("h", p.height());
            face.put("track", p.trackId());
            // Box, landmarks and (above) emotions of the same face together, as predict reports them.
            java.util.List<Double> lm = new java.util.ArrayList<>();
            for (float v : p.landmarks()) lm.add(Math.round(v * 10) / 10.0);
            face.put("landmarks", lm);
            m.put("patient", face);
        }
        m.put("fps", round(s.fps()));
        write(m);
    }

    @Override
    public synchronized void onAlert(AlertEvent e) {
        Map<String, Object> m = head("alert", e.bed(), e.t());
        m.put("kind", e.kind().wire());
        m.put("transition", e.transition().name().toLowerCase());
        m.put("priority", e.priority() == null ? null : e.priority().name().toLowerCase());
        m.put("alert_id", e.alertId());
        m.put("emotions", new java.util.TreeMap<>(e.emotions()));
        m.put("rule", e.ruleId());
        m.put("message", e.message());
        if (e.actor() != null) m.put("actor", e.actor());
        Double since = distressSince.get(e.bed());
        if (!e.technical() && since != null) {
            // Time from the start of the episode (smoothed distress at the building level) to this step.
            m.put("distress_since", round(since));
            m.put("after_s", round(e.t() - since));
        }
        if (e.at() != null) m.put("at", e.at().toString());
        write(m);
    }

    @Override
    public synchronized void onSourceState(String bed, org.vigil.capture.SourceState state, String detail) {
        Map<String, Object> m = head("technical", bed, lastT.getOrDefault(bed, 0.0));
        m.put("source_state", state.wire());
        m.put("detail", detail);
        write(m);
    }

    /** The final line: frames, faces, alerts and mean fps, overall and per bed. */
    public synchronized void summary(PipelineStats stats) {
        double maxT = 0;
        Map<String, Object> perBed = new LinkedHashMap<>();
        for (var e : new java.util.TreeMap<>(stats.beds()).entrySet()) {
            PipelineStats.BedCounters c = e.getValue();
            maxT = Math.max(maxT, c.lastT());
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("frames", c.frames.sum());
            b.put("faces", c.faces.sum());
            b.put("patient_frames", c.patientFrames.sum());
            b.put("classified", c.classified.sum());
            b.put("alerts", c.alerts.sum());
            b.put("technical_alerts", c.technicalAlerts.sum());
            b.put("dropped_frames", c.dropped.sum());
            b.put("fps", round(c.fps()));
            b.put("t", round(c.lastT()));
            perBed.put(e.getKey(), b);
        }
        Map<String, Object> m = head("summary", "all", maxT);
        m.put("frames", stats.totalFrames());
        m.put("faces", stats.totalFaces());
        m.put("classified", stats.totalClassified());
        m.put("alerts", stats.totalAlerts());
        m.put("technical_alerts", stats.beds().values().stream().mapToLong(b -> b.technicalAlerts.sum()).sum());
        double wall = stats.wallSeconds();
        m.put("wall_s", round(wall));
        m.put("mean_fps", round(wall > 0 ? stats.totalFrames() / wall : 0));
        m.put("latency_ms_p50", round(stats.latencyMillis(0.5)));
        m.put("latency_ms_p99", round(stats.latencyMillis(0.99)));
        Map<String, Object> stages = new LinkedHashMap<>();
        stats.stageMillis().forEach((k, v) -> stages.put(k, round(v)));
        m.put("stage_ms", stages);
        m.put("beds", perBed);
        write(m);
    }

    private static Map<String, Object> head(String type, String bed, double t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("bed", bed);
        m.put("t", round(t));
        return m;
    }

    private static Double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : null;
    }

    private void write(Map<String, Object> m) {
        String line;
        try {
            line = JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (out != null) {
            out.println(line);
            out.flush();
        }
        if (file != null) {
            try {
                file.append(line);
                if (fileProblem != null) {
                    log.info("JSON output file {} writable again", file.file());
                    fileProblem = null;
                    storageListener.accept(file.file(), null);
                }
            } catch (IOException e) {
                // A full disk must not stop monitoring: stdout and alerts go on, the line is lost
                // from the file only; said once per episode, not per line.
                if (fileProblem == null) {
                    fileProblem = e.getMessage() == null ? e.toString() : e.getMessage();
                    log.warn("cannot append to the JSON output file {}: {} (monitoring goes on; lines are not stored until it works again)",
                            file.file(), fileProblem);
                    storageListener.accept(file.file(), fileProblem);
                }
            }
        }
    }

    /** Told when writing the file starts failing (problem) and when it works again (problem null). */
    public synchronized JsonLinesOutput onStorageProblem(java.util.function.BiConsumer<Path, String> l) {
        storageListener = l;
        return this;
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // closing an append-only log; data was flushed per line
            }
        }
    }
}
