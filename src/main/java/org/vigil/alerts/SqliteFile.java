package org.vigil.alerts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens the alert database file the way every user of it does: folder made, WAL, a busy timeout. */
final class SqliteFile {
    private SqliteFile() {}

    /** @param synchronous SQLite's {@code PRAGMA synchronous}: FULL where a row must survive power loss, NORMAL where a lost second costs nothing */
    static Connection open(Path file, String synchronous) throws IOException, SQLException {
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
}
