package org.vigil.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.app.AlertSystem;
import org.vigil.app.Vigil;
import org.vigil.base.Defaults;
import org.vigil.capture.SourceSpec;
import org.vigil.classify.EmotionModel;
import org.vigil.rules.ConfigException;
import org.vigil.classify.ModelFile;
import org.vigil.classify.ModelLoader;
import org.vigil.classify.ModelMetadata;
import org.vigil.metrics.MetricsAddress;
import org.vigil.metrics.MetricsServer;
import org.vigil.metrics.VigilMetrics;
import org.vigil.pipeline.WardFile;
import org.vigil.track.BedRegion;

/** Puts the dashboard together from command-line choices: beds and sources, theme, privacy, backend. */
public final class DashboardApp {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardApp.class);

    /** What the user asked for on the command line. */
    /**
     * @param loop    video files start again when they end, stream time running on (--loop)
     * @param metrics where to serve Prometheus metrics (--metrics), or null: nothing listens
     */
    public record Options(List<String> sources, List<String> beds, Path ward, Path model, Path alertsConfig,
                          boolean dark, PrivacyMode privacy, boolean publicView, String alertsDb, boolean loop,
                          MetricsAddress metrics) {
        public Options(List<String> sources, List<String> beds, Path ward, Path model, Path alertsConfig,
                       boolean dark, PrivacyMode privacy, boolean publicView, String alertsDb, boolean loop) {
            this(sources, beds, ward, model, alertsConfig, dark, privacy, publicView, alertsDb, loop, null);
        }

        public Options(List<String> sources, List<String> beds, Path ward, Path model, Path alertsConfig,
                       boolean dark, PrivacyMode privacy, boolean publicView) {
            this(sources, beds, ward, model, alertsConfig, dark, privacy, publicView, null, false);
        }

        public Options(List<String> sources, List<String> beds, Path ward, Path model, Path alertsConfig,
                       boolean dark, PrivacyMode privacy, boolean publicView, String alertsDb) {
            this(sources, beds, ward, model, alertsConfig, dark, privacy, publicView, alertsDb, false);
        }
    }

    /** The beds to show and where their video comes from, in display order. */
    public record Beds(String wardName, boolean publicView, Map<String, String> sources, Map<String, BedRegion> regions) {}

    private DashboardApp() {}

    /** A ward file wins over --source; no source at all means the default camera (camera:0). */
    public static Beds beds(Options o) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, BedRegion> regions = new HashMap<>();
        if (o.ward() != null) {
            WardFile w = WardFile.read(o.ward());
            for (WardFile.Bed b : w.beds()) {
                out.put(b.source().bed(), b.source().location());
                if (b.region() != null) regions.put(b.source().bed(), b.region());
            }
            return new Beds(w.ward(), o.publicView() || publicFlag(o.ward()), out, regions);
        }
        List<String> sources = o.sources().isEmpty() ? List.of(Defaults.DEFAULT_CAMERA) : o.sources();
        for (int i = 0; i < sources.size(); i++) {
            String name = i < o.beds().size() ? o.beds().get(i) : Defaults.bedId(i);
            if (out.containsKey(name)) throw new IllegalArgumentException("--bed " + name + " given twice");
            out.put(name, sources.get(i));
        }
        return new Beds(null, o.publicView(), out, regions);
    }

    /** "public: true" at the top of a ward file marks its screen as public (faces blurred by default). */
    static boolean publicFlag(Path ward) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(ward.toFile()).path("public").asBoolean(false);
        } catch (IOException e) {
            return false; // WardFile.read already reported unreadable files
        }
    }

    /** The model to use: --model, else Vigil's trained model, else the shared Keras reference; null if none. */
    public static Path resolveModel(Path requested) {
        return Vigil.modelOrReference(requested);
    }

    /**
     * Open the dashboard with the real monitoring pipeline (or video only when no model can be loaded)
     * and return once it is showing.
     */
    public static Dashboard openMonitoring(Options o) {
        Beds beds = beds(o);
        if (o.metrics() == null) return openMonitoring(o, beds, null);
        // Started first, so that a busy port is reported before the model loads.
        VigilMetrics metrics = new VigilMetrics();
        MetricsServer server;
        try {
            server = MetricsServer.start(o.metrics(), metrics::scrape);
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        System.err.println("Prometheus metrics at " + server.url());
        try {
            Dashboard d = openMonitoring(o, beds, metrics);
            d.frame().addWindowListener(new java.awt.event.WindowAdapter() {
                @Override
                public void windowClosed(java.awt.event.WindowEvent e) {
                    server.close();
                    metrics.close();
                }
            });
            return d;
        } catch (RuntimeException e) {
            server.close();
            metrics.close();
            throw e;
        }
    }

    private static Dashboard openMonitoring(Options o, Beds beds, VigilMetrics metrics) {
        Path alertsPath = o.alertsConfig() != null ? o.alertsConfig()
                : Files.exists(Defaults.RULES) ? Defaults.RULES : null;
        AlertsSetup alerts = AlertsSetup.load(alertsPath);
        Path modelPath = resolveModel(o.model());
        EmotionModel model = null;
        String modelError = null;
        if (modelPath == null) {
            modelError = "no model: " + Defaults.MODEL + " is missing and no --model was given; showing video only";
        } else {
            try {
                System.err.println("Loading emotion model " + modelPath + " ...");
                model = ModelLoader.load(modelPath);
            } catch (RuntimeException e) {
                modelError = "cannot load " + modelPath + ": " + e.getMessage() + "; showing video only";
            }
        }
        if (modelError != null) LOG.warn(modelError);
        MonitorBackend backend;
        AlertActions actions = null;
        AtomicReference<AlertsSetup> current = new AtomicReference<>(alerts);
        AlertSystem system = null;
        PipelineBackend pb = null;
        if (model != null) {
            if (alerts.rules() != null && alertsPath != null) {
                // Durable alerts (restored after a restart) and hot reload, as in ./run.sh monitor.
                try {
                    system = Vigil.openAlerts(alertsPath, alertsDb(o.alertsDb(), beds)).watchConfig();
                } catch (ConfigException e) {
                    LOG.warn("alerts configuration became invalid while starting: {}", e.getMessage());
                } catch (RuntimeException e) {
                    LOG.warn("cannot open the alerts database {}: {}; alerts are kept in memory only", o.alertsDb(),
                            e.getMessage());
                }
            }
            pb = system != null ? new PipelineBackend(model, system.engine(), system.alerts(), beds.regions(), o.loop())
                    : new PipelineBackend(model, alerts.rules(), beds.regions(), o.loop());
            if (metrics != null) {
                metrics.bindAlerts(pb.alerts());
                pb.alsoNotify(metrics.pipelineListener());
            }
            backend = pb;
            actions = pb;
        } else {
            backend = PipelineBackend.preview(beds.regions(), true);
        }
        ModelMetadata md = model != null ? model.metadata() : null;
        Path mp = modelPath;
        String me = modelError;
        AdminInfo admin = adminInfo(alertsPath, alerts, mp, md, me);
        Dashboard d = open(o, beds, backend, actions, admin, current);
        if (pb != null) pb.openAlertEvents().forEach(d.model()::onAlert);
        if (system != null && system.alerts().store() != null) {
            // Nurse feedback of the last 24 h (bed detail, admin view) from the durable alert log.
            FeedbackSource fs = new FeedbackSource(system.alerts().store(), system.engine()::rules, d.model(), java.time.Clock.systemUTC());
            SwingUtilities.invokeLater(() -> d.feedback(fs));
            // Override suggestions from the nurses' answers and the recorded scores (admin view; applied only by a person).
            SuggestionSource ss = new SuggestionSource(system, java.time.Clock.systemUTC());
            SwingUtilities.invokeLater(() -> d.suggestions(ss));
        }
        if (system != null) {
            AlertSystem sys = system;
            Path ap = alertsPath;
            sys.config().subscribe(status -> {
                AlertsSetup now = AlertsSetup.of(ap, status);
                current.set(now);
                SwingUtilities.invokeLater(() -> d.admin().show(adminInfo(ap, now, mp, md, me)));
            });
            // After the pipeline has stopped: it raises alerts into the store until then.
            d.afterClose(sys::close);
        }
        return d;
    }

    /**
     * The alert database: as given ("none" = memory only); by default the standard file when a bed
     * watches a camera or stream, memory only when every bed is a file (re-watching a recording must not
     * find its old alerts open), the same rule as ./run.sh monitor.
     */
    static Path alertsDb(String given, Beds beds) {
        boolean live = beds.sources().entrySet().stream()
                .anyMatch(e -> SourceSpec.parse(e.getKey(), e.getValue()).kind() != SourceSpec.Kind.FILE);
        return Defaults.alertsDb(given, live);
    }

    private static AdminInfo adminInfo(Path alertsPath, AlertsSetup a, Path modelPath, ModelMetadata md, String modelError) {
        return new AdminInfo(alertsPath, a.files(), a.errors(), modelPath, md, modelError);
    }

    /** Open on a given backend (tests, benchmark). */
    public static Dashboard open(Options o, Beds beds, MonitorBackend backend, AlertActions actions, AdminInfo admin,
                                 AlertsSetup alerts) {
        return open(o, beds, backend, actions, admin, new AtomicReference<>(alerts));
    }

    private static Dashboard open(Options o, Beds beds, MonitorBackend backend, AlertActions actions, AdminInfo admin,
                                  AtomicReference<AlertsSetup> alerts) {
        return open(o, beds, backend, actions, admin, alerts, System.getProperty("user.name", "nurse"), bed -> alerts.get().describe(bed));
    }

    private static Dashboard open(Options o, Beds beds, MonitorBackend backend, AlertActions actions, AdminInfo admin,
                                  AtomicReference<AlertsSetup> alerts, String actor, java.util.function.Function<String, String> thresholds) {
        PrivacyMode privacy = o.privacy() != null ? o.privacy()
                : beds.publicView() ? PrivacyMode.BLUR_FACES : PrivacyMode.OFF;
        DashboardModel model = new DashboardModel();
        beds.sources().keySet().forEach(model::bed);
        Dashboard.Config cfg = new Dashboard.Config(beds.wardName(), o.dark(), privacy, beds.publicView(),
                actor, admin, thresholds, bed -> alerts.get().alertThreshold(bed));
        AtomicReference<Dashboard> ref = new AtomicReference<>();
        CountDownLatch shown = new CountDownLatch(1);
        SwingUtilities.invokeLater(() -> {
            try {
                Dashboard.applyTheme(o.dark());
                Dashboard d = new Dashboard(model, backend, actions, new AlertSound(() -> alerts.get().shiftNow()), cfg);
                ref.set(d);
                d.show();
                d.startSources(beds.sources());
            } finally {
                shown.countDown();
            }
        });
        try {
            shown.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ref.get();
    }

    /**
     * What {@code ./run.sh --broker URL} asks for: a nurse station on the ward's MQTT broker.
     *
     * @param user the nurse's name, recorded by the central station with each acknowledgement and resolution
     */
    public record WardOptions(String broker, String site, String ward, String user, boolean dark, PrivacyMode privacy,
                              boolean publicView) {}

    /**
     * Open the dashboard on the ward's broker (docs/deployment.md, "Nurse station over the broker"): every bed
     * the central station's ward publishes, its alerts, acknowledge/resolve through the central. Returns once
     * showing; the connection is made in the background (the beds say so while it is not there).
     *
     * @throws IllegalArgumentException naming the value for a bad broker URL, site or ward name
     */
    public static Dashboard openWard(WardOptions w) {
        org.vigil.ward.WardTopics topics = new org.vigil.ward.WardTopics(w.site(), w.ward());
        org.vigil.ward.BrokerAddress broker = org.vigil.ward.BrokerAddress.parse(w.broker());
        WardBackend backend = new WardBackend(topics, broker, stationName(), java.time.Clock.systemDefaultZone());
        Options o = new Options(List.of(), List.of(), null, null, null, w.dark(), w.privacy(), w.publicView());
        Beds beds = new Beds(w.ward(), w.publicView(), Map.of(), Map.of());
        AdminInfo admin = new AdminInfo(null, List.of(), List.of(), null, null,
                "nurse station on " + broker + " (" + topics.base() + "): the edge boxes run the model and the rules");
        String rulesText = "Alerts for this bed are decided by its edge box, with the alerts-config the central station of "
                + topics.base() + " distributes (see the central's alerts-config folder).";
        Dashboard d = open(o, beds, backend, backend, admin, new AtomicReference<>(AlertsSetup.load(null)), w.user(), bed -> rulesText);
        d.model().setNoVideo("No video over the ward link (states only)");
        backend.rooms(d.model()::setRoom).attach(d.model(), d.model()::setLinkProblem);
        return d;
    }

    /** This machine's name as one topic level: the "from" of a nurse's commands. */
    static String stationName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "station";
            }
        }
        String name = host.replaceAll("[^A-Za-z0-9._-]", "-");
        return name.isEmpty() ? "station" : name;
    }

    /** Block until the window is closed. */
    public static void awaitClose(Dashboard d) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        SwingUtilities.invokeLater(() -> {
            if (!d.frame().isDisplayable()) closed.countDown();
            d.frame().addWindowListener(new java.awt.event.WindowAdapter() {
                @Override
                public void windowClosed(java.awt.event.WindowEvent e) {
                    closed.countDown();
                }
            });
        });
        closed.await();
        // The alert store closes after the pipeline stops, on the closing thread: let it finish before the JVM exits.
        try {
            d.closed().get(CLOSE_WAIT_S, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("the monitoring pipeline did not stop within {} s of closing the window", CLOSE_WAIT_S);
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("closing the dashboard: {}", e.getCause().toString());
        }
    }

    /** How long closing may wait for the pipeline to stop and the alert store to close. */
    static final int CLOSE_WAIT_S = 30;

    /** Metadata only (no network load), for the admin panel when the model is not run. */
    static ModelMetadata metadata(Path model) {
        return model != null && model.toString().endsWith(".vigil") ? ModelFile.readMetadata(model) : null;
    }
}
