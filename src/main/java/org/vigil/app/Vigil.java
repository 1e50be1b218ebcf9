package org.vigil.app;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.vigil.alerts.AlertManager;
import org.vigil.base.Defaults;
import org.vigil.capture.CaptureOptions;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.ModelLoader;
import org.vigil.metrics.MetricsServer;
import org.vigil.metrics.VigilMetrics;
import org.vigil.pipeline.JsonLinesOutput;
import org.vigil.pipeline.Pipeline;
import org.vigil.pipeline.PipelineConfig;
import org.vigil.rules.AlarmEngine;
import org.vigil.rules.ConfigException;
import org.vigil.rules.ConfigLoader;

/**
 * The composition root: builds the emotion model, the face detector choice, the alert system, the
 * pipeline and its outputs from one {@link Settings}. {@code ./run.sh monitor} uses {@link #assemble}
 * as a whole; the dashboard and the benchmarks use the same building blocks ({@link #loadModel},
 * {@link #modelOrReference}, {@link #openAlerts}, {@link #pipelineConfig}), so each choice is made once.
 * Closing it closes everything it opened, in reverse order.
 */
public final class Vigil implements AutoCloseable {
    private final Settings settings;
    private final EmotionModel model;
    private final AlertSystem alerts;
    private final Pipeline pipeline;
    private final JsonLinesOutput json;
    private VigilMetrics metrics;
    private MetricsServer metricsServer;
    private ModelFileWatch modelWatch;
    private boolean started;
    private boolean finished;
    private boolean closed;

    private Vigil(Settings settings, EmotionModel model, AlertSystem alerts, Pipeline pipeline, JsonLinesOutput json) {
        this.settings = settings;
        this.model = model;
        this.alerts = alerts;
        this.pipeline = pipeline;
        this.json = json;
    }

    /**
     * The headless monitor: pipeline config, alert system (durable and hot-reloaded), model, JSON lines
     * to {@code stdout} and {@link Settings#out()}. Not started yet.
     *
     * @throws IllegalArgumentException a setting is wrong (message for the user)
     * @throws ConfigException          the alert rules are not valid
     */
    public static Vigil assemble(Settings s, PrintStream stdout) throws ConfigException {
        PipelineConfig config = pipelineConfig(s);
        AlertSystem alerts = openAlerts(s.rules(), s.alertsDbFile()).watchConfig();
        EmotionModel model = null;
        JsonLinesOutput json = null;
        VigilMetrics metrics = null;
        MetricsServer metricsServer = null;
        try {
            if (s.metrics() != null) {
                metrics = new VigilMetrics().bindAlerts(alerts.alerts());
                // Before the model loads: a busy port is reported at once.
                metricsServer = MetricsServer.start(s.metrics(), metrics::scrape);
            }
            model = loadModel(s.model());
            json = new JsonLinesOutput(stdout, s.out(), s.statusEveryS(), config.decision().buildingLevel());
            AlarmEngine engine = alerts.engine();
            json.onStorageProblem((file, problem) -> {
                if (problem != null) engine.storageProblem(file.toString(), problem);
                else engine.storageRecovered(file.toString());
            });
            Pipeline pipeline = new Pipeline(config, model, alerts.engine());
            pipeline.addListener(json);
            if (metrics != null) pipeline.addListener(metrics.pipelineListener());
            Vigil v = new Vigil(s, model, alerts, pipeline, json);
            v.metrics = metrics;
            v.metricsServer = metricsServer;
            if (s.model() == null || s.model().toString().endsWith(".vigil")) v.modelWatch = ModelFileWatch.start(modelPath(s.model()), Defaults.MODEL_WATCH_S);
            return v;
        } catch (RuntimeException e) {
            if (metricsServer != null) metricsServer.close();
            if (metrics != null) metrics.close();
            if (json != null) json.close();
            if (model != null) model.close();
            alerts.close();
            throw e;
        }
    }

    /** The pipeline's settings from the application's. @throws IllegalArgumentException on a wrong setting */
    public static PipelineConfig pipelineConfig(Settings s) {
        Detection det = Detection.resolve(s.detector(), s.yunetModel());
        return PipelineConfig.builder(s.sources(), s.realtime())
                .capture(CaptureOptions.defaults(s.realtime()).withMaxReconnects(s.maxReconnects())
                        .withLoopFiles(s.loopFiles()).withStopAfter(s.stopAfterS()))
                .detector(det.kind(), det.yunetModel())
                .regions(s.regions())
                .classifyFps(s.classifyFps())
                .smoothingS(s.smoothingS())
                .detectMaxSide(s.detectMaxSide())
                .frameSnapshotFps(s.frameSnapshotFps())
                .build();
    }

    /**
     * The model to run: {@code requested}, else {@link Defaults#MODEL}; an error naming the Keras
     * reference model when neither exists. @throws IllegalArgumentException when there is no model file
     */
    public static EmotionModel loadModel(Path requested) {
        return ModelLoader.load(modelPath(requested));
    }

    /** The model file {@link #loadModel} loads. @throws IllegalArgumentException when there is no model file */
    static Path modelPath(Path requested) {
        Path p = requested;
        if (p == null) {
            if (!Files.isRegularFile(Defaults.MODEL)) {
                throw new IllegalArgumentException("no emotion model: " + Defaults.MODEL + " does not exist (train it with "
                        + "./run.sh train), so pass --model <file.vigil>, or a Keras model such as --model "
                        + Defaults.referenceModel());
            }
            p = Defaults.MODEL;
        }
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException("--model " + p + ": file not found");
        return p;
    }

    /** The dashboard's model file: {@code requested}, else {@link Defaults#MODEL}, else the Keras reference; null if none. */
    public static Path modelOrReference(Path requested) {
        if (requested != null) return requested;
        if (Files.isRegularFile(Defaults.MODEL)) return Defaults.MODEL;
        Path ref = Defaults.referenceModel();
        return Files.isRegularFile(ref) ? ref : null;
    }

    /** The alert system on a rules folder; {@code db} null keeps alerts in memory. Not watching yet. */
    public static AlertSystem openAlerts(Path rules, Path db) throws ConfigException {
        return AlertSystem.open(rules, db, Clock.systemUTC());
    }

    /** A rules engine on a fresh in-memory alert lifecycle (benchmarks: fresh rule state per run). */
    public static AlarmEngine inMemoryRules(Path rules) throws ConfigException {
        Clock clock = Clock.systemUTC();
        return new AlarmEngine(ConfigLoader.loadDirectory(rules), AlertManager.inMemory(clock), clock);
    }

    public Settings settings() {
        return settings;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** The metrics registry when {@link Settings#metrics()} asked for one: other parts add their gauges here. */
    public java.util.Optional<VigilMetrics> metrics() {
        return java.util.Optional.ofNullable(metrics);
    }

    /** Where the metrics are served (the real port when port 0 was asked), when they are. */
    public java.util.Optional<java.net.URI> metricsUrl() {
        return java.util.Optional.ofNullable(metricsServer).map(MetricsServer::url);
    }

    /** The alert system (rules engine, alert lifecycle, config watcher): the ward's edge reports from it. */
    public AlertSystem alertSystem() {
        return alerts;
    }

    /** Whether any bed watches a camera or stream: such runs last until stopped. */
    public boolean live() {
        return settings.anyLiveSource();
    }

    /** Starts capture and processing. @throws IllegalArgumentException when a source cannot be set up */
    public synchronized void start() {
        pipeline.start();
        started = true;
    }

    /** Stops the pipeline and writes the summary line (once; nothing when it never started). */
    public synchronized void finish() {
        if (finished || !started) return;
        finished = true;
        pipeline.close();
        json.summary(pipeline.stats());
    }

    /** Finishes if needed, then closes the output, the model and the alert system. */
    @Override
    public synchronized void close() {
        if (closed) return;
        finish();
        closed = true;
        if (modelWatch != null) modelWatch.close();
        json.close();
        model.close();
        alerts.close();
        if (metricsServer != null) metricsServer.close();
        if (metrics != null) metrics.close();
    }
}
