package org.vigil.cli;

import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.ui.Dashboard;
import org.vigil.ui.DashboardApp;
import org.vigil.ui.PrivacyMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level command: with no subcommand, ./run.sh opens the dashboard. */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "Vigil 0.1",
        description = {"Bedside emotion monitor: dashboard, monitoring pipeline and emotion-model tools.",
                "Without a command, opens the nurse-station dashboard on the ward file, the given sources, or the default camera."},
        subcommands = {TrainCommand.class, EvaluateCommand.class, CalibrateCommand.class, ImportKerasCommand.class, RebuildModelCommand.class, PredictCommand.class,
                ExplainCommand.class, MonitorCommand.class, BenchCommand.class, AlertsCommand.class,
                NurseCallCommand.class, EdgeCommand.class, CentralCommand.class, WardUsersCommand.class})
public class VigilCommand implements Callable<Integer> {
    @Option(names = "--source", paramLabel = "<file|camera:N|url>",
            description = "A bed's video source; repeat for several beds (default: camera:0).")
    List<String> sources = new ArrayList<>();

    @Option(names = "--bed", paramLabel = "<name>", description = "Name of the bed for each --source, in order.")
    List<String> beds = new ArrayList<>();

    @Option(names = "--ward", paramLabel = "<file>", description = "Ward file (YAML) listing beds and their sources.")
    Path ward;

    @Option(names = "--model", paramLabel = "<file>", description = "Emotion model (.vigil or Keras .h5); default " + org.vigil.base.Defaults.MODEL_TEXT + ", else the shared Keras reference.")
    Path model;

    @Option(names = "--alerts-config", paramLabel = "<file>", description = "Alerts configuration folder or file (default alerts-config/).")
    Path alertsConfig;

    @Option(names = "--alerts-db", paramLabel = "<file>",
            description = "Where alerts are kept across restarts (SQLite; 'none': memory only). Default var/alerts.db "
                    + "when a bed has a camera or stream; memory only when every source is a file (as monitor does).")
    String alertsDb;

    @Option(names = "--loop", description = "Video files start again from the beginning when they end, like a camera (demos, soak tests).")
    boolean loop;

    @Option(names = "--dark", description = "Dark theme.")
    boolean dark;

    @Option(names = "--privacy", paramLabel = "<mode>",
            description = "Privacy: OFF, BLUR_FACES or HIDE_VIDEO (default OFF; BLUR_FACES on a public display).")
    PrivacyMode privacy;

    @Option(names = "--public", description = "This screen is visible to the public: faces blurred unless --privacy says otherwise.")
    boolean publicView;

    @Option(names = "--metrics", paramLabel = "[HOST:]PORT", arity = "0..1", fallbackValue = org.vigil.base.Defaults.METRICS_PORT_TEXT,
            description = "Serve Prometheus metrics at http://HOST:PORT" + org.vigil.base.Defaults.METRICS_PATH + " (HOST default "
                    + org.vigil.base.Defaults.METRICS_HOST + ", a bare --metrics: port " + org.vigil.base.Defaults.METRICS_PORT_TEXT
                    + "). Default: off, nothing listens.")
    String metrics;

    @Option(names = "--broker", paramLabel = "URL",
            description = "Nurse station on the ward's MQTT broker (tcp://host:1883, mqtts://host:8883): shows every bed the central station's"
                    + " ward publishes, acknowledge/resolve go to the central. No local sources, model or rules. Default: all-in-one (no broker).")
    String broker;

    @Option(names = "--ward-name", defaultValue = org.vigil.base.Defaults.WARD_NAME, paramLabel = "NAME",
            description = "With --broker: the ward name in the topics, as the central's --ward (default ${DEFAULT-VALUE}).")
    String wardName;

    @Option(names = "--site", defaultValue = org.vigil.base.Defaults.WARD_SITE, paramLabel = "NAME",
            description = "With --broker: the site name in the topics (default ${DEFAULT-VALUE}).")
    String site;

    @Option(names = "--user", paramLabel = "NAME",
            description = "With --broker: the nurse's name, recorded by the central station with each acknowledgement and resolution (default: the login name).")
    String user;

    @Override
    public Integer call() throws Exception {
        if (GraphicsEnvironment.isHeadless()) {
            System.err.println("No display: the dashboard needs a screen (set DISPLAY, or run under xvfb-run).");
            return 2;
        }
        Dashboard d;
        if (broker != null) {
            try {
                d = DashboardApp.openWard(new DashboardApp.WardOptions(broker, site, wardName,
                        user != null ? user : System.getProperty("user.name", "nurse"), dark, privacy, publicView));
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            DashboardApp.awaitClose(d);
            return 0;
        }
        try {
            DashboardApp.Options o = new DashboardApp.Options(sources, beds, ward, model, alertsConfig, dark, privacy,
                    publicView, alertsDb, loop, metrics == null ? null : org.vigil.metrics.MetricsAddress.parse(metrics));
            d = DashboardApp.openMonitoring(o);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        DashboardApp.awaitClose(d);
        return 0;
    }
}
