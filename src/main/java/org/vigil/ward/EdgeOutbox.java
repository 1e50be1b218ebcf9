package org.vigil.ward;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vigil.alerts.SqliteFile;

/**
 * An edge's durable queue of alert messages (the nurse-call {@code Outbox} pattern: SQLite, WAL,
 * synchronous=FULL): every transition is written here before anyone tries to send it, and leaves
 * only when the central station's {@link WardMessages.Receipt} says it is stored, so a broker outage or
 * a crash of either side loses nothing. Sent in {@code seq} order. Thread-safe.
 */
public final class EdgeOutbox implements AutoCloseable {
    /** One queued message: its number and exact payload. */
    public record Entry(long seq, String alertId, String topic, byte[] payload, Instant queuedAt, Instant sentAt, int attempts) {}

    private final String where;
    private final Connection db;

    /** {@code file} null = in memory (benchmarks). */
    public EdgeOutbox(Path file) {
        where = file == null ? "memory" : file.toAbsolutePath().toString();
        try {
            db = SqliteFile.openOrMemory(file, "FULL");
            try (Statement s = db.createStatement()) {
                s.execute("""
                        CREATE TABLE IF NOT EXISTS ward_outbox(
                          seq INTEGER PRIMARY KEY AUTOINCREMENT, alert_id TEXT NOT NULL, topic TEXT NOT NULL,
                          payload BLOB, queued_at INTEGER NOT NULL, sent_at INTEGER, attempts INTEGER NOT NULL DEFAULT 0,
                          confirmed_at INTEGER)""");
                s.execute("CREATE INDEX IF NOT EXISTS ward_outbox_open ON ward_outbox(confirmed_at, seq)");
            }
            db.setAutoCommit(false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the ward outbox " + where + ": " + e.getMessage(), e);
        }
    }

    public String where() {
        return where;
    }

    /** Reserves the next number, so that the payload can carry it; the row is written by {@link #enqueue}. */
    public interface Render {
        byte[] payload(long seq);
    }

    /** Queues a message whose payload names its own seq; committed before return. */
    public synchronized Entry enqueue(String alertId, String topic, Instant now, Render render) throws SQLException {
        try {
            long seq;
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO ward_outbox(alert_id, topic, queued_at) VALUES (?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, alertId);
                ps.setString(2, topic);
                ps.setLong(3, now.toEpochMilli());
                ps.executeUpdate();
                try (ResultSet k = ps.getGeneratedKeys()) {
                    k.next();
                    seq = k.getLong(1);
                }
            }
            byte[] payload = render.payload(seq);
            try (PreparedStatement ps = db.prepareStatement("UPDATE ward_outbox SET payload=? WHERE seq=?")) {
                ps.setBytes(1, payload);
                ps.setLong(2, seq);
                ps.executeUpdate();
            }
            db.commit();
            return new Entry(seq, alertId, topic, payload, now, null, 0);
        } catch (SQLException | RuntimeException e) {
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // the original failure is the one to report
            }
            throw e;
        }
    }

    /** The oldest unconfirmed message that was never sent or was sent before {@code resendBefore}. */
    public synchronized Optional<Entry> next(Instant resendBefore) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("""
                SELECT seq, alert_id, topic, payload, queued_at, sent_at, attempts FROM ward_outbox
                WHERE confirmed_at IS NULL AND (sent_at IS NULL OR sent_at < ?) ORDER BY seq LIMIT 1""")) {
            ps.setLong(1, resendBefore.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                Optional<Entry> e = rs.next() ? Optional.of(entry(rs)) : Optional.empty();
                db.commit();
                return e;
            }
        }
    }

    /** The broker took it (PUBACK); it waits for the central's receipt. */
    public synchronized void sent(long seq, Instant at) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("UPDATE ward_outbox SET sent_at=?, attempts=attempts+1 WHERE seq=?")) {
            ps.setLong(1, at.toEpochMilli());
            ps.setLong(2, seq);
            ps.executeUpdate();
            db.commit();
        }
    }

    /** After a reconnect every unconfirmed message is due again at once. */
    public synchronized void resendAll() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.executeUpdate("UPDATE ward_outbox SET sent_at=NULL WHERE confirmed_at IS NULL");
            db.commit();
        }
    }

    /** The central station stored it: it is never sent again. */
    public synchronized void confirmed(long seq, Instant at) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("UPDATE ward_outbox SET confirmed_at=? WHERE seq=? AND confirmed_at IS NULL")) {
            ps.setLong(1, at.toEpochMilli());
            ps.setLong(2, seq);
            ps.executeUpdate();
            db.commit();
        }
    }

    /** Messages not yet confirmed by the central station. */
    public synchronized int depth() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM ward_outbox WHERE confirmed_at IS NULL")) {
            rs.next();
            int n = rs.getInt(1);
            db.commit();
            return n;
        }
    }

    /** Every row in order: "seq alertId confirmed|pending attempts=n" (tests, diagnosis). */
    public synchronized List<String> states() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq, alert_id, confirmed_at, attempts FROM ward_outbox ORDER BY seq")) {
            while (rs.next()) {
                rs.getLong(3);
                out.add(rs.getLong(1) + " " + rs.getString(2) + " " + (rs.wasNull() ? "pending" : "confirmed") + " attempts=" + rs.getInt(4));
            }
        }
        db.commit();
        return out;
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        long sent = rs.getLong(6);
        Instant sentAt = rs.wasNull() ? null : Instant.ofEpochMilli(sent);
        return new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), Instant.ofEpochMilli(rs.getLong(5)),
                sentAt, rs.getInt(7));
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing only fails if the connection is already gone
        }
    }
}
