package org.vigil.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload of alerts-config/: polls the folder's *.yaml files (content hash, so editors that
 * replace files and network shares behave the same; WatchService misses events on some file
 * systems). A valid change is applied to the engine and logged with a diff; an invalid one is
 * logged with file:line:column errors, published to listeners, and the last good configuration
 * stays in force.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);
    private final Path dir;
    private final AlarmEngine engine;
    private final Clock clock;
    private final List<Consumer<ConfigStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile ConfigStatus status;
    private String fingerprint;
    private ScheduledExecutorService poller;

    /** The engine must already run the configuration currently in {@code dir}. */
    public ConfigWatcher(Path dir, AlarmEngine engine, Clock clock) {
        this.dir = dir;
        this.engine = engine;
        this.clock = clock;
        this.status = new ConfigStatus(engine.rules(), List.of(), clock.instant(), List.of());
        this.fingerprint = fingerprint();
    }

    public Path folder() {
        return dir;
    }

    public ConfigStatus status() {
        return status;
    }

    public void subscribe(Consumer<ConfigStatus> listener) {
        listeners.add(listener);
    }

    /** Polls every {@code interval} on a daemon thread until closed. */
    public synchronized void start(Duration interval) {
        if (poller != null) return;
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alerts-config-watcher");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> {
            try {
                checkNow();
            } catch (RuntimeException e) {
                log.error("alerts config check failed", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reloads if the files changed since the last check; returns the resulting status. */
    public synchronized ConfigStatus checkNow() {
        String fp = fingerprint();
        if (fp.equals(fingerprint)) return status;
        fingerprint = fp;
        RuleSet old = engine.rules();
        try {
            RuleSet next = ConfigLoader.loadDirectory(dir);
            List<String> diff = old.diff(next);
            engine.apply(next);
            status = new ConfigStatus(next, List.of(), clock.instant(), diff);
            log.info("alerts config reloaded from {} ({} change(s)):{}", dir, diff.size(),
                    diff.isEmpty() ? " none" : "\n  " + String.join("\n  ", diff));
        } catch (ConfigException e) {
            status = new ConfigStatus(old, e.errors(), status.changedAt(), status.lastDiff());
            log.error("alerts config in {} rejected, keeping the last good configuration:\n  {}", dir,
                    String.join("\n  ", e.errors().stream().map(ConfigError::toString).toList()));
        }
        ConfigStatus s = status;
        for (Consumer<ConfigStatus> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException ex) {
                log.warn("config listener failed: {}", ex.toString());
            }
        }
        return s;
    }

    private String fingerprint() {
        try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.of(dir)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path p : files.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".yaml") || n.endsWith(".yml");
            }).sorted().toList()) {
                md.update(p.getFileName().toString().getBytes());
                md.update((byte) 0);
                md.update(Files.readAllBytes(p));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            return "unreadable:" + e.getMessage();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) poller.shutdownNow();
        poller = null;
    }
}
