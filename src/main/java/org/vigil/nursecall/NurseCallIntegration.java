package org.vigil.nursecall;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertManager;
import org.vigil.rules.ConfigException;

/**
 * Vigil as an IHE PCD ACM Alert Reporter: every alert transition the manager publishes becomes a
 * PCD-04 report in the durable {@link Outbox}, which {@link NurseCallSender} delivers over MLLP.
 * Attached through {@link AlertManager#subscribe}; the listener only writes to the outbox (a few
 * milliseconds, like the alert store's own write) and never waits for the network.
 */
public final class NurseCallIntegration implements Consumer<AlertEvent>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NurseCallIntegration.class);
    /** How long closing (or the JVM exiting) waits for queued reports to be delivered. */
    public static final Duration DRAIN_ON_CLOSE = Duration.ofSeconds(3);

    private final NurseCallConfig config;
    private final AlertManager alerts;
    private final Outbox outbox;
    private final Pcd04MessageBuilder builder;
    private final ReportMapper mapper;
    private final NurseCallSender sender;
    private final Clock clock;
    private final Thread exitHook;
    private boolean closed;

    private NurseCallIntegration(NurseCallConfig config, AlertManager alerts, Outbox outbox, Clock clock) {
        this.config = config;
        this.alerts = alerts;
        this.outbox = outbox;
        this.clock = clock;
        this.builder = new Pcd04MessageBuilder(config);
        this.mapper = new ReportMapper(outbox::started);
        this.sender = new NurseCallSender(config, outbox, new NurseCallAlerts(alerts), clock);
        // Headless monitor runs end with System.exit: give queued reports their chance to leave.
        this.exitHook = new Thread(() -> close(), "nursecall-drain");
    }

    /**
     * Reads {@code integrations.yaml} in the alerts config folder and, when the nurse call is
     * enabled, starts reporting {@code alerts}' transitions. Returns a no-op when absent or disabled.
     *
     * @param alertDb the alert database (the outbox goes next to it), null when alerts are in memory
     */
    public static AutoCloseable startFromConfig(Path configDir, AlertManager alerts, Path alertDb, Clock clock) throws ConfigException {
        NurseCallConfig cfg = IntegrationsConfigLoader.load(configDir).nurseCall();
        if (!cfg.enabled()) return () -> { };
        return start(cfg, alerts, alertDb, clock);
    }

    public static NurseCallIntegration start(NurseCallConfig config, AlertManager alerts, Path alertDb, Clock clock) {
        Outbox outbox = new Outbox(config.outboxFile(alertDb));
        NurseCallIntegration n = new NurseCallIntegration(config, alerts, outbox, clock);
        n.sender.start();
        alerts.subscribe(n);
        Runtime.getRuntime().addShutdownHook(n.exitHook);
        try {
            int pending = outbox.pending();
            log.info("nurse call: reporting alerts to {}:{}{} (outbox {}, {} report(s) waiting from earlier)", config.host(), config.port(),
                    config.tls() ? " over TLS" : "", outbox.where(), pending);
        } catch (Exception e) {
            log.info("nurse call: reporting alerts to {}:{} (outbox {})", config.host(), config.port(), outbox.where());
        }
        return n;
    }

    public Outbox outbox() {
        return outbox;
    }

    @Override
    public void accept(AlertEvent e) {
        if (NurseCallAlerts.KINDS.contains(e.kind())) return; // about the link itself: sending it over the link says nothing
        try {
            synchronized (this) {
                if (closed) return;
                AlertReport r = mapper.map(e);
                outbox.enqueue(r, clock.instant(), controlId -> builder.build(r, controlId));
            }
            sender.wake();
        } catch (Exception ex) {
            // The alert itself is shown and stored; only its way to the nurses' phones failed.
            log.error("nurse call: cannot queue {} of alert {} in {}: {}", e.transition(), e.alertId(), outbox.where(), ex.getMessage());
        }
    }

    /** Stops reporting: waits up to {@link #DRAIN_ON_CLOSE} for the queue to empty; what is left is sent at the next start. */
    @Override
    public void close() {
        close(DRAIN_ON_CLOSE);
    }

    public void close(Duration drain) {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        alerts.unsubscribe(this);
        sender.stop(drain);
        outbox.close();
        if (Thread.currentThread() != exitHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(exitHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting
            }
        }
    }
}
