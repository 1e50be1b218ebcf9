package org.vigil.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.vigil.app.AlertSystem;
import org.vigil.app.Vigil;
import org.vigil.base.Defaults;
import org.vigil.rules.ConfigException;
import org.vigil.ward.BrokerAddress;
import org.vigil.ward.CentralStation;
import org.vigil.ward.EmbeddedBroker;
import org.vigil.ward.WardTopics;
import org.vigil.ward.WardUsersFile;
import picocli.CommandLine.Command;
import org.vigil.metrics.MetricsAddress;
import org.vigil.metrics.MetricsServer;
import org.vigil.metrics.VigilMetrics;
import org.vigil.ward.WardMetrics;
import picocli.CommandLine.Option;

/** ./run.sh central --ward-config alerts-config: the ward's alert manager, with its own MQTT broker unless --broker is given. */
@Command(name = "central", mixinStandardHelpOptions = true,
        description = {"The central station of a ward: receives every edge box's alerts and bed states, keeps them in its durable",
                "alert store, owns acknowledgement and resolution, publishes alert states back, raises 'edge-offline' when a box",
                "dies, and distributes the validated alerts-config to the edges. Starts an embedded MQTT 5 broker (HiveMQ CE)",
                "on --listen unless --broker names an external one. Runs until Ctrl-C or --duration."})
public class CentralCommand implements Callable<Integer> {
    static final String TLS_PASSWORD_ENV = "VIGIL_TLS_KEYSTORE_PASSWORD";

    @Option(names = "--ward-config", required = true, paramLabel = "DIR", description = "The admins' alerts-config folder, distributed to the edges when valid.")
    Path wardConfig;

    @Option(names = "--listen", defaultValue = Defaults.WARD_LISTEN_TEXT, paramLabel = "HOST:PORT",
            description = "Where the embedded broker listens (default ${DEFAULT-VALUE}: this machine only).")
    String listen;

    @Option(names = "--users", paramLabel = "FILE",
            description = "The ward's log-ins (./run.sh ward-users add ...): the embedded broker then takes only these users, each on its own topics. Keep it outside the distributed config folder.")
    Path users;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "PKCS12 keystore with the broker's key and certificate: the embedded broker then takes TLS only (mqtts://). Its password comes from $"
                    + TLS_PASSWORD_ENV + ".")
    Path tlsKeystore;

    @Option(names = "--insecure", description = "Allow --listen on a non-loopback address without --tls-keystore and --users (a lab only: anyone on the network could then publish alerts or acknowledge them).")
    boolean insecure;

    @Option(names = "--broker", paramLabel = "URL", description = "Use this MQTT 5 broker instead of the embedded one (e.g. Mosquitto: tcp://host:1883).")
    String broker;

    @Option(names = "--db", defaultValue = Defaults.WARD_CENTRAL_DB_TEXT, paramLabel = "FILE", description = "Alert database (SQLite; default ${DEFAULT-VALUE}).")
    Path db;

    @Option(names = "--site", defaultValue = Defaults.WARD_SITE, description = "Site name in the topics (default ${DEFAULT-VALUE}).")
    String site;

    @Option(names = "--ward", defaultValue = Defaults.WARD_NAME, paramLabel = "NAME", description = "Ward name in the topics (default ${DEFAULT-VALUE}).")
    String ward;

    @Option(names = "--metrics", paramLabel = "[HOST:]PORT", arity = "0..1", fallbackValue = Defaults.METRICS_PORT_TEXT,
            description = "Serve Prometheus metrics at http://HOST:PORT" + Defaults.METRICS_PATH + " (alerts by kind and priority, time to acknowledge, broker connection, edges online, JVM); HOST defaults to "
                    + Defaults.METRICS_HOST + ", a bare --metrics to port " + Defaults.METRICS_PORT_TEXT + ". Default: off, nothing listens.")
    String metrics;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds (tests, benchmarks).")
    Double duration;

    @Override
    public Integer call() throws Exception {
        WardTopics topics = new WardTopics(site, ward);
        BrokerAddress external = broker == null ? null : BrokerAddress.parse(broker);
        BrokerAddress bind = external == null ? BrokerAddress.listen(listen) : null;
        EmbeddedBroker.Security security;
        try {
            security = security(topics, bind);
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        AlertSystem alerts;
        try {
            alerts = Vigil.openAlerts(wardConfig, db).watchConfig();
        } catch (ConfigException e) {
            System.err.println("alerts config in " + wardConfig + " is not valid (nothing started, nothing distributed):\n" + e.getMessage());
            return 2;
        }
        EmbeddedBroker embedded = null;
        VigilMetrics meters = null;
        MetricsServer metricsServer = null;
        try {
            if (metrics != null) {
                // first, so a busy port stops the start before the broker binds
                meters = new VigilMetrics().bindAlerts(alerts.alerts());
                metricsServer = MetricsServer.start(MetricsAddress.parse(metrics), meters::scrape);
            }
            if (bind != null) embedded = EmbeddedBroker.start(bind, security);
            BrokerAddress addr = external != null ? external : embedded.address();
            CentralStation central = new CentralStation(topics, addr, "central-" + ward, alerts.alerts(), alerts.config(), Clock.systemUTC()).start();
            if (meters != null) {
                WardMetrics.central(meters, central);
                System.err.println("Prometheus metrics at " + metricsServer.url());
            }
            System.err.println("central station of " + topics.base() + ": broker " + addr + (embedded != null ? " (embedded)" : "")
                    + ", alerts " + db.toAbsolutePath() + ", config " + wardConfig + " (" + central.configVersion() + ")");
            CountDownLatch stop = new CountDownLatch(1);
            EmbeddedBroker b = embedded;
            VigilMetrics m = meters;
            MetricsServer ms = metricsServer;
            Thread hook = new Thread(() -> {
                if (ms != null) ms.close();
                if (m != null) m.close();
                central.close();
                alerts.close();
                if (b != null) b.close();
                stop.countDown();
            }, "vigil-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            if (duration != null) {
                stop.await((long) (duration * 1000), TimeUnit.MILLISECONDS);
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException alreadyShuttingDown) {
                    return 0;
                }
                hook.run();
            } else {
                stop.await();
            }
            return 0;
        } catch (RuntimeException e) {
            if (metricsServer != null) metricsServer.close();
            if (meters != null) meters.close();
            alerts.close();
            if (embedded != null) embedded.close();
            throw e;
        }
    }

    /** Who may use the embedded broker; refuses an open broker on the network. */
    private EmbeddedBroker.Security security(WardTopics topics, BrokerAddress bind) throws java.io.IOException {
        if (bind == null) {
            if (users != null || tlsKeystore != null) {
                throw new IllegalArgumentException("--users and --tls-keystore are for the embedded broker; with --broker the external broker checks log-ins (docs/deployment.md)");
            }
            return EmbeddedBroker.Security.none();
        }
        boolean loopback = java.net.InetAddress.getByName(bind.host()).isLoopbackAddress();
        if (!loopback && !insecure && (users == null || tlsKeystore == null)) {
            throw new IllegalArgumentException("--listen " + listen + " is reachable from the network: give --tls-keystore and --users"
                    + " (docs/deployment.md, Security), or --insecure for a lab");
        }
        WardUsersFile wardUsers = null;
        if (users != null) {
            if (!java.nio.file.Files.exists(users)) throw new IllegalArgumentException("--users " + users + ": no such file (create it with ./run.sh ward-users add)");
            // re-read at a log-in after it changed, so ward-users add/remove needs no restart
            wardUsers = WardUsersFile.load(users);
            if (wardUsers.get().isEmpty()) throw new IllegalArgumentException("--users " + users + " lists nobody: no edge or station could log in");
        }
        char[] password = null;
        if (tlsKeystore != null) {
            String pw = System.getenv(TLS_PASSWORD_ENV);
            if (pw == null) throw new IllegalArgumentException("--tls-keystore " + tlsKeystore + ": set its password in $" + TLS_PASSWORD_ENV);
            if (!java.nio.file.Files.isReadable(tlsKeystore)) throw new IllegalArgumentException("--tls-keystore " + tlsKeystore + ": no such file");
            password = pw.toCharArray();
        }
        return new EmbeddedBroker.Security(topics, wardUsers, tlsKeystore, password);
    }
}
