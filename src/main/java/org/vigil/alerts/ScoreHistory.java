package org.vigil.alerts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each bed's recent score timeline, in the alert database file (table {@code score_history}), on a
 * connection of its own so that batches of samples never wait behind an alert's transaction (WAL: one
 * writer at a time, readers never blocked). What override suggestions replay. Thread-safe.
 */
public final class ScoreHistory implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Connection db;

    public ScoreHistory(Path file) {
        this.file = file;
        try {
            // A sample lost in a power cut costs a second of replay, not an alert: NORMAL is enough here.
            db = SqliteFile.open(file, "NORMAL");
            try (Statement s = db.createStatement()) {
                s.execute("""
                        CREATE TABLE IF NOT EXISTS score_history(
                          bed TEXT NOT NULL, at INTEGER NOT NULL, t REAL NOT NULL, assessability TEXT NOT NULL, emotions TEXT)""");
                s.execute("CREATE INDEX IF NOT EXISTS score_history_bed_at ON score_history(bed, at)");
            }
            db.setAutoCommit(false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the score history in " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Writes the samples in one transaction. */
    public synchronized void append(List<ScoreSample> samples) throws SQLException {
        if (samples.isEmpty()) return;
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO score_history(bed, at, t, assessability, emotions) VALUES (?,?,?,?,?)")) {
            for (ScoreSample s : samples) {
                ps.setString(1, s.bed());
                ps.setLong(2, s.at().toEpochMilli());
                ps.setDouble(3, s.t());
                ps.setString(4, s.assessability());
                ps.setString(5, s.emotions().isEmpty() ? null : json(s.emotions()));
                ps.addBatch();
            }
            ps.executeBatch();
            db.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /** The bed's samples with wall time in [from, to), oldest first (in the order they were written). */
    public synchronized List<ScoreSample> samples(String bed, Instant from, Instant to) throws SQLException {
        List<ScoreSample> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT at, t, assessability, emotions FROM score_history WHERE bed=? AND at >= ? AND at < ? ORDER BY at, rowid")) {
            ps.setString(1, bed);
            ps.setLong(2, from.toEpochMilli());
            ps.setLong(3, to.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ScoreSample(bed, Instant.ofEpochMilli(rs.getLong(1)), rs.getDouble(2), rs.getString(3), emotions(rs.getString(4))));
                }
            }
        } finally {
            db.commit();
        }
        return out;
    }

    /** Per bed: the oldest and newest sample time; what the history covers. */
    public synchronized Map<String, Instant[]> coverage() throws SQLException {
        Map<String, Instant[]> out = new LinkedHashMap<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT bed, MIN(at), MAX(at) FROM score_history GROUP BY bed ORDER BY bed")) {
            while (rs.next()) out.put(rs.getString(1), new Instant[] {Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3))});
        } finally {
            db.commit();
        }
        return out;
    }

    public synchronized long count() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM score_history")) {
            return rs.next() ? rs.getLong(1) : 0;
        } finally {
            db.commit();
        }
    }

    /** Deletes samples older than {@code cutoff} (retention). @return rows deleted */
    public synchronized int pruneBefore(Instant cutoff) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM score_history WHERE at < ?")) {
            ps.setLong(1, cutoff.toEpochMilli());
            int n = ps.executeUpdate();
            db.commit();
            return n;
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        }
    }

    private static String json(Map<String, Double> m) {
        // three decimals are far below the model's noise and keep a row small
        Map<String, Double> r = new java.util.TreeMap<>();
        m.forEach((k, v) -> r.put(k, Math.round(v * 1000) / 1000.0));
        try {
            return JSON.writeValueAsString(r);
        } catch (Exception e) {
            return null;
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

    private void rollbackQuietly() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the original failure is the one to report
        }
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
