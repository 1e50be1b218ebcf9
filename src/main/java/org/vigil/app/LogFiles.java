package org.vigil.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.vigil.base.Defaults;

/**
 * Log files that stay bounded, next to stderr (which logback.xml keeps): when a log folder is
 * configured ({@value Defaults#LOG_DIR_ENV} or {@code -Dvigil.logDir}), {@code vigil.log} there rolls
 * daily and at {@link Defaults#LOG_MAX_FILE_SIZE}, keeps {@link Defaults#LOG_KEEP_DAYS} days and
 * never passes {@link Defaults#LOG_TOTAL_CAP} in all (Logback's SizeAndTimeBasedRollingPolicy).
 */
public final class LogFiles {
    static final String APPENDER = "ROLLING-FILE";

    private LogFiles() {}

    /** The configured log folder, or null for stderr only. */
    public static Path configuredDir() {
        String d = System.getProperty("vigil.logDir", System.getenv(Defaults.LOG_DIR_ENV));
        return d == null || d.isBlank() ? null : Path.of(d);
    }

    /** Adds the rolling file appender when a folder is configured; returns the current log file or null. */
    public static Path startIfConfigured() {
        Path dir = configuredDir();
        return dir == null ? null : start(dir, Defaults.LOG_MAX_FILE_SIZE, Defaults.LOG_KEEP_DAYS, Defaults.LOG_TOTAL_CAP);
    }

    /** Adds (once) a rolling file appender writing {@code dir/vigil.log} to the root logger. */
    public static synchronized Path start(Path dir, String maxFileSize, int keepDays, String totalCap) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Path file = dir.toAbsolutePath().resolve("vigil.log");
        if (root.getAppender(APPENDER) != null) return file;
        RollingFileAppender<ILoggingEvent> app = new RollingFileAppender<>();
        app.setContext(ctx);
        app.setName(APPENDER);
        app.setFile(file.toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(ctx);
        policy.setParent(app);
        policy.setFileNamePattern(dir.toAbsolutePath().resolve("vigil.%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf(maxFileSize));
        policy.setMaxHistory(keepDays);
        policy.setTotalSizeCap(FileSize.valueOf(totalCap));
        policy.setCleanHistoryOnStart(true);
        policy.start();
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        // Dates in files (stderr has times only: a journal adds the date there).
        enc.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n");
        enc.start();
        app.setRollingPolicy(policy);
        app.setEncoder(enc);
        app.start();
        root.addAppender(app);
        return file;
    }

    /** Detaches and closes the file appender (tests; the process end closes it otherwise). */
    public static synchronized void stop() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var app = root.getAppender(APPENDER);
        if (app != null) {
            root.detachAppender(app);
            app.stop();
        }
    }
}
