package org.vigil.nursecall;

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
import java.util.function.Function;

/**
 * The durable queue between the alert manager and the nurse-call link: every report is written here
 * (SQLite, WAL, synchronous=FULL, like the alert store) before anyone tries to send it, and leaves
 * the queue only when the receiver's ACK settles it. Sent in {@code seq} order, which keeps each
 * alert's phases in order. Delivered and rejected rows stay as the record of what was sent.
 * Thread-safe (the alert listeners enqueue, the sender thread takes).
 */
public final class Outbox implements AutoCloseable {
    public enum State { PENDING, DELIVERED, REJECTED }

    private final String where;
    private final Connection db;

    /** {@code file} null = in memory (the alert database is in memory too: nothing survives anyway). */
    public Outbox(Path file) {
        where = file == null ? "memory" : file.toAbsolutePath().toString();
        try {
            db = SqliteFile.openOrMemory(file, "FULL");
            try (Statement s = db.createStatement()) {
                s.execute("""
                        CREATE TABLE IF NOT EXISTS outbox(
                          seq INTEGER PRIMARY KEY AUTOINCREMENT, alert_id TEXT NOT NULL, bed TEXT NOT NULL,
                          kind TEXT NOT NULL, transition TEXT NOT NULL, phase TEXT NOT NULL, t REAL NOT NULL,
                          control_id TEXT, hl7 TEXT, queued_at INTEGER NOT NULL, state TEXT NOT NULL,
                          attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, ack_code TEXT, ack_text TEXT,
                          settled_at INTEGER)""");
                s.execute("CREATE INDEX IF NOT EXISTS outbox_state ON outbox(state, seq)");
                s.execute("CREATE INDEX IF NOT EXISTS outbox_alert ON outbox(alert_id)");
            }
            db.setAutoCommit(false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the nurse-call outbox " + where + ": " + e.getMessage(), e);
        }
    }

    public String where() {
        return where;
    }

    /** Whether a start was ever queued for this alert (so a later raise is a re-raise: "continue"). */
    public synchronized boolean started(String alertId) {
        try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM outbox WHERE alert_id=? AND phase=? LIMIT 1")) {
            ps.setString(1, alertId);
            ps.setString(2, AlertPhase.START.name());
            try (ResultSet rs = ps.executeQuery()) {
                boolean found = rs.next();
                db.commit();
                return found;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("nurse-call outbox " + where + ": " + e.getMessage(), e);
        }
    }

    /**
     * Queues a report; {@code render} turns the control id (unique: alert id prefix and queue number)
     * into the message. Committed before return.
     */
    public synchronized OutboxEntry enqueue(AlertReport r, Instant now, Function<String, String> render) throws SQLException {
        try {
            long seq;
            try (PreparedStatement ps = db.prepareStatement("""
                    INSERT INTO outbox(alert_id, bed, kind, transition, phase, t, queued_at, state) VALUES (?,?,?,?,?,?,?,?)""",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, r.alertId());
                ps.setString(2, r.bed());
                ps.setString(3, r.kind());
                ps.setString(4, r.transition().name());
                ps.setString(5, r.phase().name());
                ps.setDouble(6, r.t());
                ps.setLong(7, now.toEpochMilli());
                ps.setString(8, State.PENDING.name());
                ps.executeUpdate();
                try (ResultSet k = ps.getGeneratedKeys()) {
                    k.next();
                    seq = k.getLong(1);
                }
            }
            String controlId = r.alertId().substring(0, Math.min(8, r.alertId().length())) + "." + seq;
            String hl7 = render.apply(controlId);
            try (PreparedStatement ps = db.prepareStatement("UPDATE outbox SET control_id=?, hl7=? WHERE seq=?")) {
                ps.setString(1, controlId);
                ps.setString(2, hl7);
                ps.setLong(3, seq);
                ps.executeUpdate();
            }
            db.commit();
            return new OutboxEntry(seq, r.alertId(), r.bed(), r.kind(), r.phase(), r.t(), controlId, hl7, now, 0);
        } catch (SQLException | RuntimeException e) {
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // the original failure is the one to report
            }
            throw e;
        }
    }

    /** The oldest message not yet settled: the next to send. */
    public synchronized Optional<OutboxEntry> head() throws SQLException {
        List<OutboxEntry> l = select("WHERE state='PENDING' ORDER BY seq LIMIT 1");
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    public synchronized int pending() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox WHERE state='PENDING'")) {
            rs.next();
            int n = rs.getInt(1);
            db.commit();
            return n;
        }
    }

    public synchronized void attemptFailed(long seq, String error) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("UPDATE outbox SET attempts=attempts+1, last_error=? WHERE seq=?")) {
            ps.setString(1, error);
            ps.setLong(2, seq);
            ps.executeUpdate();
            db.commit();
        }
    }

    /** The receiver answered: DELIVERED (AA/CA) or REJECTED (AE/AR/CE/CR); either way it is not sent again. */
    public synchronized void settle(long seq, State state, String ackCode, String ackText, Instant at) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "UPDATE outbox SET state=?, attempts=attempts+1, ack_code=?, ack_text=?, settled_at=? WHERE seq=?")) {
            ps.setString(1, state.name());
            ps.setString(2, ackCode);
            ps.setString(3, ackText);
            ps.setLong(4, at.toEpochMilli());
            ps.setLong(5, seq);
            ps.executeUpdate();
            db.commit();
        }
    }

    /** Every row, in order, with its state: for tests and diagnosis. */
    public synchronized List<String> states() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq, alert_id, phase, state, ack_code, attempts FROM outbox ORDER BY seq")) {
            while (rs.next()) {
                out.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
                        + rs.getString(5) + " attempts=" + rs.getInt(6));
            }
        }
        db.commit();
        return out;
    }

    private List<OutboxEntry> select(String where) throws SQLException {
        List<OutboxEntry> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT seq, alert_id, bed, kind, phase, t, control_id, hl7, queued_at, attempts FROM outbox " + where)) {
            while (rs.next()) {
                out.add(new OutboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        AlertPhase.valueOf(rs.getString(5)), rs.getDouble(6), rs.getString(7), rs.getString(8),
                        Instant.ofEpochMilli(rs.getLong(9)), rs.getInt(10)));
            }
        }
        db.commit();
        return out;
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
