package org.vigil.alerts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Durable alert log in an embedded SQLite file: one row per alert (its current state) and one row
 * per transition (the audit trail). WAL journal with synchronous=FULL: a transition that
 * {@link #record} returned from is on disk and survives a kill -9 or power loss. Thread-safe.
 */
public final class AlertStore implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Connection db;

    public AlertStore(Path file) {
        this.file = file;
        try {
            db = SqliteFile.open(file, "FULL");
            try (Statement s = db.createStatement()) {
                s.execute("""
                        CREATE TABLE IF NOT EXISTS alerts(
                          id TEXT PRIMARY KEY, bed TEXT NOT NULL, kind TEXT NOT NULL, rule_id TEXT NOT NULL,
                          priority TEXT NOT NULL, state TEXT NOT NULL, raised_t REAL NOT NULL, raised_at INTEGER NOT NULL,
                          escalation_level INTEGER NOT NULL, recipient TEXT, latched INTEGER NOT NULL,
                          condition_active INTEGER NOT NULL, acked_by TEXT, acked_at INTEGER, resolved_by TEXT,
                          resolved_at INTEGER, message TEXT, emotions TEXT)""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS alert_events(
                          seq INTEGER PRIMARY KEY AUTOINCREMENT, alert_id TEXT NOT NULL, bed TEXT NOT NULL,
                          kind TEXT NOT NULL, rule_id TEXT NOT NULL, priority TEXT NOT NULL, transition TEXT NOT NULL,
                          t REAL NOT NULL, at INTEGER NOT NULL, actor TEXT, message TEXT, emotions TEXT)""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS baselines(
                          bed TEXT PRIMARY KEY, resting TEXT NOT NULL, learned_at INTEGER NOT NULL)""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS config_changes(
                          seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, source TEXT NOT NULL,
                          accepted INTEGER NOT NULL, detail TEXT NOT NULL)""");
                s.execute("CREATE INDEX IF NOT EXISTS alerts_state ON alerts(state)");
                s.execute("CREATE INDEX IF NOT EXISTS events_bed_at ON alert_events(bed, at)");
                s.execute("CREATE INDEX IF NOT EXISTS events_alert ON alert_events(alert_id)");
                migrateFeedback(s);
            }
            db.setAutoCommit(false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the alert database " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Writes the alert's new state and the transition in one transaction, committed before return. */
    public synchronized void record(Alert a, AlertEvent e) throws SQLException {
        record(a, e, false, null);
    }

    /**
     * As {@link #record(Alert, AlertEvent)}, in the same transaction: {@code endedUnseen} marks the alert
     * "ended — not yet seen"; {@code feedback} (may be null) stores the nurse's outcome. A crash cannot
     * keep the transition and lose either.
     */
    public synchronized void record(Alert a, AlertEvent e, boolean endedUnseen, AlertFeedback feedback) throws SQLException {
        try (PreparedStatement up = db.prepareStatement("""
                INSERT INTO alerts(id, bed, kind, rule_id, priority, state, raised_t, raised_at, escalation_level,
                  recipient, latched, condition_active, acked_by, acked_at, resolved_by, resolved_at, message, emotions)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                ON CONFLICT(id) DO UPDATE SET priority=excluded.priority, state=excluded.state,
                  raised_t=excluded.raised_t, raised_at=excluded.raised_at, escalation_level=excluded.escalation_level,
                  recipient=excluded.recipient, condition_active=excluded.condition_active, acked_by=excluded.acked_by,
                  acked_at=excluded.acked_at, resolved_by=excluded.resolved_by, resolved_at=excluded.resolved_at""")) {
            int i = 1;
            up.setString(i++, a.id());
            up.setString(i++, a.bed());
            up.setString(i++, a.kind().wire());
            up.setString(i++, a.ruleId());
            up.setString(i++, a.priority().name());
            up.setString(i++, a.state().name());
            up.setDouble(i++, a.raisedT());
            up.setLong(i++, a.raisedAt().toEpochMilli());
            up.setInt(i++, a.escalationLevel());
            up.setString(i++, a.recipient());
            up.setInt(i++, a.latched() ? 1 : 0);
            up.setInt(i++, a.conditionActive() ? 1 : 0);
            up.setString(i++, a.ackedBy());
            setInstant(up, i++, a.ackedAt());
            up.setString(i++, a.resolvedBy());
            setInstant(up, i++, a.resolvedAt());
            up.setString(i++, a.message());
            up.setString(i, json(a.emotions()));
            up.executeUpdate();
            insertEvent(e);
            if (endedUnseen) setUnseen(a.id(), true);
            if (feedback != null) writeOutcome(feedback, a.bed());
            db.commit();
        } catch (SQLException ex) {
            rollbackQuietly();
            throw ex;
        }
    }

    /** Whether the transition of this alert is already recorded (at this time; {@code at} null: at any time). */
    public synchronized boolean hasEvent(String alertId, AlertTransition transition, Instant at) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT 1 FROM alert_events WHERE alert_id=? AND transition=? AND (? IS NULL OR at=?) LIMIT 1")) {
            ps.setString(1, alertId);
            ps.setString(2, transition.name());
            if (at == null) {
                ps.setNull(3, Types.INTEGER);
                ps.setNull(4, Types.INTEGER);
            } else {
                ps.setLong(3, at.toEpochMilli());
                ps.setLong(4, at.toEpochMilli());
            }
            try (ResultSet rs = ps.executeQuery()) {
                boolean found = rs.next();
                db.commit();
                return found;
            }
        }
    }

    /** Updates an alert's row without a transition (e.g. its condition ended while latched). */
    public synchronized void updateState(Alert a) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("UPDATE alerts SET condition_active=? WHERE id=?")) {
            ps.setInt(1, a.conditionActive() ? 1 : 0);
            ps.setString(2, a.id());
            ps.executeUpdate();
            db.commit();
        } catch (SQLException ex) {
            rollbackQuietly();
            throw ex;
        }
    }

    /**
     * Whether a failed write failed for want of storage (disk full, I/O error, read-only or busy file):
     * the same write can succeed later. A constraint or SQL error would fail again and is not one.
     */
    public static boolean isStorageFault(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof org.sqlite.SQLiteException s) {
                String code = s.getResultCode().name();
                return code.startsWith("SQLITE_FULL") || code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_CANTOPEN")
                        || code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED");
            }
            if (c instanceof java.io.IOException) return true;
        }
        return false;
    }

    /** Audit of the alert configuration: applied changes with their diff, rejected edits with their errors. */
    public synchronized void recordConfigChange(Instant at, String source, boolean accepted, List<String> detail) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO config_changes(at, source, accepted, detail) VALUES (?,?,?,?)")) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, source);
            ps.setInt(3, accepted ? 1 : 0);
            ps.setString(4, String.join("\n", detail));
            ps.executeUpdate();
            db.commit();
        }
    }

    /** Config audit rows, oldest first: "at accepted|rejected source" then the detail lines. */
    public synchronized List<String> configChanges() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT at, source, accepted, detail FROM config_changes ORDER BY seq")) {
            while (rs.next()) {
                out.add(Instant.ofEpochMilli(rs.getLong(1)) + " " + (rs.getInt(3) == 1 ? "applied" : "rejected") + " " + rs.getString(2)
                        + "\n  " + rs.getString(4).replace("\n", "\n  "));
            }
        }
        db.commit();
        return out;
    }

    /** Keeps a bed's learned resting expression, so a restart does not have to learn it again. */
    public synchronized void saveBaseline(String bed, Map<String, Double> resting, Instant at) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO baselines(bed, resting, learned_at) VALUES (?,?,?) ON CONFLICT(bed) DO UPDATE SET resting=excluded.resting, learned_at=excluded.learned_at")) {
            ps.setString(1, bed);
            ps.setString(2, json(resting));
            ps.setLong(3, at.toEpochMilli());
            ps.executeUpdate();
            db.commit();
        }
    }

    public synchronized void deleteBaseline(String bed) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM baselines WHERE bed=?")) {
            ps.setString(1, bed);
            ps.executeUpdate();
            db.commit();
        }
    }

    public synchronized Map<String, Map<String, Double>> baselines() throws SQLException {
        Map<String, Map<String, Double>> out = new java.util.TreeMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT bed, resting FROM baselines")) {
            while (rs.next()) out.put(rs.getString(1), emotions(rs.getString(2)));
        }
        db.commit();
        return out;
    }

    /** Alerts not yet resolved, oldest first: what a restarted Vigil shows again. */
    public synchronized List<Alert> openAlerts() throws SQLException {
        return alerts("SELECT * FROM alerts WHERE state <> 'RESOLVED' ORDER BY raised_at, id", List.of());
    }

    /** Alerts whose raise time (wall) is in [from, to), optionally for one bed, oldest first. */
    public synchronized List<Alert> alerts(String bed, Instant from, Instant to) throws SQLException {
        return alerts("SELECT * FROM alerts WHERE (? IS NULL OR bed = ?) AND raised_at >= ? AND raised_at < ? ORDER BY raised_at, id",
                List.of(bed == null ? NULL : bed, bed == null ? NULL : bed, from.toEpochMilli(), to.toEpochMilli()));
    }

    /** Transitions whose time is in [from, to), optionally for one bed, in order. */
    public synchronized List<AlertEvent> events(String bed, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT * FROM alert_events WHERE (? IS NULL OR bed = ?) AND at >= ? AND at < ? ORDER BY seq")) {
            if (bed == null) {
                ps.setNull(1, Types.VARCHAR);
                ps.setNull(2, Types.VARCHAR);
            } else {
                ps.setString(1, bed);
                ps.setString(2, bed);
            }
            ps.setLong(3, from.toEpochMilli());
            ps.setLong(4, to.toEpochMilli());
            List<AlertEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AlertEvent(rs.getString("alert_id"), rs.getString("bed"), AlertKind.fromWire(rs.getString("kind")),
                            AlertPriority.valueOf(rs.getString("priority")), AlertTransition.valueOf(rs.getString("transition")),
                            rs.getDouble("t"), Instant.ofEpochMilli(rs.getLong("at")), emotions(rs.getString("emotions")),
                            rs.getString("rule_id"), rs.getString("message"), rs.getString("actor")));
                }
            }
            db.commit();
            return out;
        }
    }

    private static final Object NULL = new Object();

    private List<Alert> alerts(String sql, List<Object> args) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                Object a = args.get(i);
                if (a == NULL) ps.setNull(i + 1, Types.VARCHAR);
                else if (a instanceof Long l) ps.setLong(i + 1, l);
                else ps.setString(i + 1, a.toString());
            }
            List<Alert> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(alert(rs));
            }
            db.commit();
            return out;
        }
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        return new Alert(rs.getString("id"), rs.getString("bed"), AlertKind.fromWire(rs.getString("kind")), rs.getString("rule_id"),
                AlertPriority.valueOf(rs.getString("priority")), AlertTransition.valueOf(rs.getString("state")),
                rs.getDouble("raised_t"), Instant.ofEpochMilli(rs.getLong("raised_at")), rs.getInt("escalation_level"),
                rs.getString("recipient"), rs.getInt("latched") == 1, rs.getInt("condition_active") == 1,
                rs.getString("acked_by"), instant(rs, "acked_at"), rs.getString("resolved_by"), instant(rs, "resolved_at"),
                rs.getString("message"), emotions(rs.getString("emotions")));
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static void setInstant(PreparedStatement ps, int i, Instant v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER);
        else ps.setLong(i, v.toEpochMilli());
    }

    private static String json(Map<String, Double> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (Exception e) {
            return "{}";
        }
    }

    private static Map<String, Double> emotions(String s) {
        if (s == null || s.isEmpty()) return Map.of();
        try {
            return JSON.readValue(s, new TypeReference<Map<String, Double>>() {});
        } catch (Exception e) {
            return Map.of();
        }
    }

    // ---- nurse feedback: alerts that ended before anyone saw them, and outcomes -------------------
    // Added columns and a table: a database from an older Vigil gets them on open, its rows unchanged.

    private static void migrateFeedback(Statement s) throws SQLException {
        Set<String> cols = new HashSet<>();
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(alerts)")) {
            while (rs.next()) cols.add(rs.getString("name"));
        }
        for (String c : List.of("unseen INTEGER NOT NULL DEFAULT 0", "outcome TEXT", "outcome_reason TEXT", "outcome_by TEXT",
                "outcome_at INTEGER")) {
            if (cols.contains(c.substring(0, c.indexOf(' ')))) continue;
            try {
                s.execute("ALTER TABLE alerts ADD COLUMN " + c);
            } catch (SQLException e) {
                // another process opening the same file at the same moment may have added it first
                if (!String.valueOf(e.getMessage()).contains("duplicate column")) throw e;
            }
        }
        s.execute("""
                CREATE TABLE IF NOT EXISTS alert_outcomes(
                  seq INTEGER PRIMARY KEY AUTOINCREMENT, alert_id TEXT NOT NULL, bed TEXT NOT NULL, outcome TEXT NOT NULL,
                  reason TEXT, actor TEXT NOT NULL, at INTEGER NOT NULL)""");
        s.execute("CREATE INDEX IF NOT EXISTS alerts_unseen ON alerts(unseen)");
    }

    private void setUnseen(String id, boolean v) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("UPDATE alerts SET unseen=? WHERE id=?")) {
            ps.setInt(1, v ? 1 : 0);
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    /** Alerts that ended before anyone acknowledged them and that nobody has seen since, oldest first. */
    public synchronized List<Alert> endedUnseen() throws SQLException {
        return alerts("SELECT * FROM alerts WHERE unseen = 1 ORDER BY raised_at, id", List.of());
    }

    public synchronized boolean isUnseen(String alertId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT unseen FROM alerts WHERE id=?")) {
            ps.setString(1, alertId);
            try (ResultSet rs = ps.executeQuery()) {
                boolean v = rs.next() && rs.getInt(1) == 1;
                db.commit();
                return v;
            }
        }
    }

    /** One alert by id, whatever its state. */
    public synchronized java.util.Optional<Alert> alert(String alertId) throws SQLException {
        return alerts("SELECT * FROM alerts WHERE id = ?", List.of(alertId)).stream().findFirst();
    }

    /**
     * A nurse saw an alert that had ended unseen: who and when become its acknowledgement, the mark goes,
     * and the step joins the audit trail, in one transaction (plus the outcome, when given).
     *
     * @return false when the alert is not marked "ended — not yet seen" (nothing written)
     */
    public synchronized boolean acknowledgeEnded(AlertEvent e, AlertFeedback feedback) throws SQLException {
        try (PreparedStatement up = db.prepareStatement(
                "UPDATE alerts SET acked_by=?, acked_at=?, unseen=0 WHERE id=? AND unseen=1")) {
            up.setString(1, e.actor());
            up.setLong(2, e.at().toEpochMilli());
            up.setString(3, e.alertId());
            if (up.executeUpdate() == 0) {
                db.commit();
                return false;
            }
            insertEvent(e);
            if (feedback != null) writeOutcome(feedback, e.bed());
            db.commit();
            return true;
        } catch (SQLException ex) {
            rollbackQuietly();
            throw ex;
        }
    }

    /**
     * Stores the nurse's outcome for an alert (a later answer replaces the current one; every answer
     * stays in the outcome log).
     *
     * @throws IllegalArgumentException when there is no such alert in this file
     */
    public synchronized void recordOutcome(AlertFeedback f) throws SQLException {
        String bed = alert(f.alertId()).map(Alert::bed)
                .orElseThrow(() -> new IllegalArgumentException("no alert '" + f.alertId() + "' in " + file.toAbsolutePath()));
        try {
            writeOutcome(f, bed);
            db.commit();
        } catch (SQLException ex) {
            rollbackQuietly();
            throw ex;
        }
    }

    private void writeOutcome(AlertFeedback f, String bed) throws SQLException {
        try (PreparedStatement up = db.prepareStatement(
                "UPDATE alerts SET outcome=?, outcome_reason=?, outcome_by=?, outcome_at=? WHERE id=?");
             PreparedStatement log = db.prepareStatement(
                     "INSERT INTO alert_outcomes(alert_id, bed, outcome, reason, actor, at) VALUES (?,?,?,?,?,?)")) {
            up.setString(1, f.outcome().wire());
            up.setString(2, f.reason() == null ? null : f.reason().wire());
            up.setString(3, f.by());
            up.setLong(4, f.at().toEpochMilli());
            up.setString(5, f.alertId());
            up.executeUpdate();
            log.setString(1, f.alertId());
            log.setString(2, bed);
            log.setString(3, f.outcome().wire());
            log.setString(4, f.reason() == null ? null : f.reason().wire());
            log.setString(5, f.by());
            log.setLong(6, f.at().toEpochMilli());
            log.executeUpdate();
        }
    }

    /** The current outcome of an alert, if a nurse gave one. */
    public synchronized java.util.Optional<AlertFeedback> outcome(String alertId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT id, outcome, outcome_reason, outcome_by, outcome_at FROM alerts WHERE id=? AND outcome IS NOT NULL")) {
            ps.setString(1, alertId);
            try (ResultSet rs = ps.executeQuery()) {
                java.util.Optional<AlertFeedback> out = rs.next() ? java.util.Optional.of(feedback(rs)) : java.util.Optional.empty();
                db.commit();
                return out;
            }
        }
    }

    /** Outcomes of the alerts raised in [from, to), optionally for one bed: alert id -> outcome. */
    public synchronized Map<String, AlertFeedback> outcomes(String bed, Instant from, Instant to) throws SQLException {
        Map<String, AlertFeedback> out = new java.util.HashMap<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id, outcome, outcome_reason, outcome_by, outcome_at FROM alerts"
                + " WHERE outcome IS NOT NULL AND (? IS NULL OR bed = ?) AND raised_at >= ? AND raised_at < ?")) {
            ps.setString(1, bed);
            ps.setString(2, bed);
            ps.setLong(3, from.toEpochMilli());
            ps.setLong(4, to.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), feedback(rs));
            }
        }
        db.commit();
        return out;
    }

    /** Every answer ever given, oldest first (the outcomes' audit trail), optionally for one bed. */
    public synchronized List<AlertFeedback> outcomeLog(String bed) throws SQLException {
        List<AlertFeedback> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT alert_id, outcome, reason, actor, at FROM alert_outcomes WHERE (? IS NULL OR bed = ?) ORDER BY seq")) {
            ps.setString(1, bed);
            ps.setString(2, bed);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(feedback(rs));
            }
        }
        db.commit();
        return out;
    }

    /** Columns 1-5: alert id, outcome, reason, by, at. */
    private static AlertFeedback feedback(ResultSet rs) throws SQLException {
        String reason = rs.getString(3);
        return new AlertFeedback(rs.getString(1), Outcome.fromWire(rs.getString(2)),
                reason == null ? null : FalseAlarmReason.fromWire(reason), rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)));
    }

    private void insertEvent(AlertEvent e) throws SQLException {
        try (PreparedStatement ev = db.prepareStatement("""
                INSERT INTO alert_events(alert_id, bed, kind, rule_id, priority, transition, t, at, actor, message, emotions)
                VALUES (?,?,?,?,?,?,?,?,?,?,?)""")) {
            int i = 1;
            ev.setString(i++, e.alertId());
            ev.setString(i++, e.bed());
            ev.setString(i++, e.kind().wire());
            ev.setString(i++, e.ruleId());
            ev.setString(i++, e.priority().name());
            ev.setString(i++, e.transition().name());
            ev.setDouble(i++, e.t());
            ev.setLong(i++, e.at().toEpochMilli());
            ev.setString(i++, e.actor());
            ev.setString(i++, e.message());
            ev.setString(i, json(e.emotions()));
            ev.executeUpdate();
        }
    }

    private void rollbackQuietly() {
        try {
            db.rollback();
        } catch (SQLException notInTransaction) {
            // SQLite rolls back by itself on a full disk or an I/O error; the driver's rollback then fails
            // before it opens the next transaction, and later writes would run statement by statement.
            // Open it here (the original failure is the one to report).
            try (Statement s = db.createStatement()) {
                s.execute("BEGIN");
            } catch (SQLException alreadyInOne) {
                // the transaction was still open: nothing to repair
            }
        }
    }

    /**
     * Deletes alerts resolved before {@code cutoff}, their transitions, and config changes older
     * than it (retention). Open alerts are never deleted, however old. @return alerts deleted
     */
    public synchronized int pruneClosedBefore(Instant cutoff) throws SQLException {
        long c = cutoff.toEpochMilli();
        String closed = "state='RESOLVED' AND COALESCE(resolved_at, raised_at) < ?";
        try (PreparedStatement ev = db.prepareStatement("DELETE FROM alert_events WHERE alert_id IN (SELECT id FROM alerts WHERE " + closed + ")");
             PreparedStatement al = db.prepareStatement("DELETE FROM alerts WHERE " + closed);
             PreparedStatement cc = db.prepareStatement("DELETE FROM config_changes WHERE at < ?")) {
            ev.setLong(1, c);
            ev.executeUpdate();
            al.setLong(1, c);
            int n = al.executeUpdate();
            cc.setLong(1, c);
            cc.executeUpdate();
            db.commit();
            return n;
        } catch (SQLException ex) {
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // the original failure is the one to report
            }
            throw ex;
        }
    }

    /** Gives freed pages back to the file system (VACUUM) and empties the WAL into the database file. */
    public synchronized void compact() throws SQLException {
        db.setAutoCommit(true); // VACUUM cannot run inside a transaction
        try (Statement s = db.createStatement()) {
            s.execute("VACUUM");
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } finally {
            db.setAutoCommit(false);
        }
    }

    /** How big the store is on disk and what it holds. */
    public synchronized StoreSize size() throws SQLException {
        try (Statement s = db.createStatement()) {
            long alerts = scalar(s, "SELECT COUNT(*) FROM alerts"), events = scalar(s, "SELECT COUNT(*) FROM alert_events");
            long open = scalar(s, "SELECT COUNT(*) FROM alerts WHERE state<>'RESOLVED'");
            long pageSize = scalar(s, "PRAGMA page_size"), pages = scalar(s, "PRAGMA page_count"), free = scalar(s, "PRAGMA freelist_count");
            Long oldest = nullableScalar(s, "SELECT MIN(raised_at) FROM alerts");
            db.commit();
            return new StoreSize(fileBytes(file), fileBytes(Path.of(file + "-wal")), pages * pageSize, free * pageSize, alerts, open,
                    events, oldest == null ? null : Instant.ofEpochMilli(oldest));
        }
    }

    private static long scalar(Statement s, String sql) throws SQLException {
        Long v = nullableScalar(s, sql);
        return v == null ? 0 : v;
    }

    private static Long nullableScalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) return null;
            long v = rs.getLong(1);
            return rs.wasNull() ? null : v;
        }
    }

    private static long fileBytes(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing a read/write connection only fails if it is already gone
        }
    }
}
