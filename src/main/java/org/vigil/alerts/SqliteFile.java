package org.vigil.alerts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens a SQLite file the way every durable part does (alert database, score history, the nurse-call and ward
 * outboxes): folder made, WAL, a busy timeout.
 */
public final class SqliteFile {
    private SqliteFile() {}

    /** @param synchronous SQLite's {@code PRAGMA synchronous}: FULL where a row must survive power loss, NORMAL where a lost second costs nothing */
    public static Connection open(Path file, String synchronous) throws IOException, SQLException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=" + synchronous);
            s.execute("PRAGMA busy_timeout=5000");
        }
        return db;
    }

    /** As {@link #open}; {@code file} null: in memory (nothing to survive, so no WAL), with the same busy timeout. */
    public static Connection openOrMemory(Path file, String synchronous) throws IOException, SQLException {
        if (file != null) return open(file, synchronous);
        Connection db = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
        }
        return db;
    }
}
