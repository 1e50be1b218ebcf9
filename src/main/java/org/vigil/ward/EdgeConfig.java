package org.vigil.ward;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.base.AtomicFiles;
import org.vigil.rules.AlarmEngine;
import org.vigil.rules.ConfigError;
import org.vigil.rules.ConfigException;
import org.vigil.rules.ConfigLoader;
import org.vigil.rules.ConfigWatcher;
import org.vigil.rules.RuleSet;

/**
 * The alerts-config an edge runs, and how a distributed one is taken: validated here first (the
 * same loader and schema as everywhere: file:line:column), and only a valid one is written (each file
 * atomically) into the edge's own config folder and applied; a bad one changes nothing.
 */
public final class EdgeConfig {
    private static final Logger log = LoggerFactory.getLogger(EdgeConfig.class);
    private final Path folder;          // null: in memory only (simulated edges)
    private final ConfigWatcher watcher; // applies the folder to the engine and keeps the audit trail
    private final AlarmEngine engine;
    private volatile String version;
    private volatile List<String> lastErrors = List.of();

    /** An edge whose rules live in {@code folder}, watched by {@code watcher}. */
    public EdgeConfig(Path folder, ConfigWatcher watcher, AlarmEngine engine) throws IOException {
        this.folder = folder;
        this.watcher = watcher;
        this.engine = engine;
        this.version = folder == null ? "" : ConfigFiles.version(ConfigFiles.read(folder));
    }

    /** An in-memory edge (benchmarks): applied straight to the engine. */
    public static EdgeConfig inMemory(AlarmEngine engine, Map<String, String> files) {
        try {
            EdgeConfig c = new EdgeConfig(null, null, engine);
            c.version = ConfigFiles.version(files);
            return c;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String version() {
        return version;
    }

    /** Why the last distributed config was refused (empty when the last one was taken). */
    public List<String> lastErrors() {
        return lastErrors;
    }

    /** Validates, then writes and applies. @return the errors (empty: applied, or already in force) */
    public synchronized List<String> offer(WardMessages.ConfigBundle bundle) {
        if (bundle.version() != null && bundle.version().equals(version)) return List.of();
        RuleSet rules;
        try {
            rules = ConfigLoader.parse(bundle.files());
            if (bundle.files().isEmpty()) throw new ConfigException(List.of(new ConfigError("config", 0, 0, "no rule files")));
        } catch (ConfigException e) {
            lastErrors = e.errors().stream().map(ConfigError::toString).toList();
            log.error("distributed alerts config {} refused, keeping {}:\n  {}", bundle.version(), version, String.join("\n  ", lastErrors));
            return lastErrors;
        }
        String v = ConfigFiles.version(bundle.files());
        try {
            if (folder != null) {
                write(bundle.files());
                watcher.checkNow();
            } else {
                engine.apply(rules);
            }
        } catch (IOException e) {
            lastErrors = List.of("cannot write the config into " + folder + ": " + e.getMessage());
            log.error("distributed alerts config {} not applied: {}", v, lastErrors.get(0));
            return lastErrors;
        }
        version = v;
        lastErrors = List.of();
        log.info("alerts config {} from the central station applied", v);
        return List.of();
    }

    private void write(Map<String, String> files) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, String> e : files.entrySet()) {
            String name = Path.of(e.getKey()).getFileName().toString(); // never outside the folder
            byte[] text = e.getValue().getBytes(StandardCharsets.UTF_8);
            AtomicFiles.replace(folder.resolve(name), tmp -> Files.write(tmp, text));
        }
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.filter(ConfigFiles::isRuleFile).toList()) {
                if (!files.containsKey(p.getFileName().toString())) Files.delete(p);
            }
        }
    }
}
