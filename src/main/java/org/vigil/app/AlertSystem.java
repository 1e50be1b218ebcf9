package org.vigil.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertStore;
import org.vigil.rules.AlarmEngine;
import org.vigil.rules.ConfigException;
import org.vigil.rules.ConfigLoader;
import org.vigil.rules.ConfigWatcher;

/**
 * Everything alerting needs, wired once: the config folder (hot-reloaded), the rules engine, the
 * alert lifecycle and its SQLite store. The pipeline feeds {@link #engine()}; the dashboard uses
 * {@link #alerts()} (open alerts, acknowledge, resolve, subscribe) and {@link #config()} (current
 * configuration and the last validation errors).
 */
public final class AlertSystem implements AutoCloseable {
    private final AlarmEngine engine;
    private final AlertManager alerts;
    private final ConfigWatcher config;
    private AutoCloseable integrations = () -> { };
    private AutoCloseable retention = () -> { };
    private org.vigil.alerts.ScoreRecorder history;

    private AlertSystem(AlarmEngine engine, AlertManager alerts, ConfigWatcher config) {
        this.engine = engine;
        this.alerts = alerts;
        this.config = config;
    }

    /**
     * Opens the system. The configuration must be valid at start (there is no last good one yet);
     * open alerts from the database come back. {@code dbFile} null = in memory (no durability).
     */
    public static AlertSystem open(Path configDir, Path dbFile, Clock clock) throws ConfigException {
        var rules = ConfigLoader.loadDirectory(configDir);
        AlertManager alerts = dbFile == null ? AlertManager.inMemory(clock) : new AlertManager(new AlertStore(dbFile), clock);
        AlarmEngine engine = new AlarmEngine(rules, alerts, clock);
        // The alert database full or failing: technical alert "storage"; the steps wait in memory and are written when it recovers.
        alerts.onStorageProblem((file, problem) -> {
            if (problem != null) engine.storageProblem(file.toString(), problem);
            else engine.storageRecovered(file.toString());
        });
        ConfigWatcher watcher = new ConfigWatcher(configDir, engine, clock);
        AlertStore store = alerts.store();
        if (store != null) {
            // The configuration's audit trail sits next to the alerts' one.
            watcher.subscribe(st -> {
                try {
                    if (st.ok()) store.recordConfigChange(clock.instant(), configDir.toString(), true, st.lastDiff());
                    else store.recordConfigChange(clock.instant(), configDir.toString(), false,
                            st.errors().stream().map(Object::toString).toList());
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(AlertSystem.class).warn("cannot record the config change: {}", e.getMessage());
                }
            });
        }
        AlertSystem sys = new AlertSystem(engine, alerts, watcher);
        if (store != null) {
            sys.history = recordScores(dbFile, engine, clock);
            sys.retention = startRetention(store, engine, clock);
        }
        // Nurse call (alerts-config/integrations.yaml, off by default): reports every transition over MLLP.
        try {
            sys.integrations = org.vigil.nursecall.NurseCallIntegration.startFromConfig(configDir, alerts, dbFile, clock);
        } catch (ConfigException | RuntimeException e) {
            sys.close();
            throw e;
        }
        return sys;
    }

    /**
     * Every observation the engine sees goes into the score history in the same database file (at most one
     * per bed per second; scores and states only): what override suggestions replay.
     */
    private static org.vigil.alerts.ScoreRecorder recordScores(Path dbFile, AlarmEngine engine, Clock clock) {
        org.vigil.alerts.ScoreRecorder rec = new org.vigil.alerts.ScoreRecorder(new org.vigil.alerts.ScoreHistory(dbFile),
                org.vigil.base.Defaults.SCORE_HISTORY_EVERY_S, 2000);
        engine.onObservation(o -> rec.offer(o.bed(), clock.instant(), o.t(), o.assessability().wire(), o.emotions()));
        return rec;
    }

    /** The score history's recorder; null without a database file. */
    public org.vigil.alerts.ScoreRecorder scoreRecorder() {
        return history;
    }

    /** Prunes closed alerts past the configured days now (before monitoring starts) and then daily, on one daemon thread. */
    private static AutoCloseable startRetention(AlertStore store, AlarmEngine engine, Clock clock) {
        org.vigil.alerts.AlertRetention r = new org.vigil.alerts.AlertRetention(store,
                () -> engine.rules().storage().keepClosedAlertsDays(), clock);
        r.runQuietly();
        pruneScoreHistory(store.file(), engine, clock);
        java.util.concurrent.ScheduledExecutorService daily = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(t -> {
            Thread th = new Thread(t, "vigil-alert-retention");
            th.setDaemon(true);
            return th;
        });
        daily.scheduleWithFixedDelay(r::runQuietly, 1, 1, java.util.concurrent.TimeUnit.DAYS);
        // the score history grows by a row per bed per second: pruned hourly, so it never passes its days by much
        daily.scheduleWithFixedDelay(() -> pruneScoreHistory(store.file(), engine, clock), 1, 1, java.util.concurrent.TimeUnit.HOURS);
        return daily::shutdownNow;
    }

    private static void pruneScoreHistory(Path dbFile, AlarmEngine engine, Clock clock) {
        try (org.vigil.alerts.ScoreHistory h = new org.vigil.alerts.ScoreHistory(dbFile)) {
            int days = engine.rules().storage().keepScoreHistoryDays();
            int n = h.pruneBefore(clock.instant().minus(Duration.ofDays(days)));
            if (n > 0) org.slf4j.LoggerFactory.getLogger(AlertSystem.class).info("score history {}: {} sample(s) older than {} days deleted", dbFile, n, days);
        } catch (java.sql.SQLException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(AlertSystem.class).warn("score history {}: pruning failed, will try again: {}", dbFile, e.getMessage());
        }
    }

    /** Starts hot reload of the config folder (checks every 2 s). */
    public AlertSystem watchConfig() {
        config.start(Duration.ofSeconds(2));
        return this;
    }

    public AlarmEngine engine() {
        return engine;
    }

    public AlertManager alerts() {
        return alerts;
    }

    public ConfigWatcher config() {
        return config;
    }

    @Override
    public void close() {
        try {
            retention.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(AlertSystem.class).warn("cannot stop the alert retention: {}", e.getMessage());
        }
        try {
            integrations.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(AlertSystem.class).warn("cannot close the integrations: {}", e.getMessage());
        }
        config.close();
        if (history != null) history.close();
        alerts.close();
    }
}
