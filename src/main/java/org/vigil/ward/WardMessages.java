package org.vigil.ward;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON payloads of the ward protocol (one record per topic kind; {@link WardCodec} reads and writes them). */
public final class WardMessages {
    private WardMessages() {}

    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    /**
     * An edge's presence, retained; the Last Will is the same with state {@value #OFFLINE}.
     *
     * @param configVersion  the alerts-config the edge runs (sha-256 of its files)
     * @param configErrors   why the last distributed config was refused (empty: none refused)
     */
    public record EdgePresence(String edge, String state, List<String> beds, Instant at, int keepAliveS,
                               String configVersion, List<String> configErrors) {
        public EdgePresence {
            beds = beds == null ? List.of() : List.copyOf(beds);
            configErrors = configErrors == null ? List.of() : List.copyOf(configErrors);
        }

        public boolean online() {
            return ONLINE.equals(state);
        }
    }

    /** A bed's state as its edge decided it (no image, only scores and states). {@code at}: wall time of the decision. */
    public record BedReport(String edge, String bed, double t, String state, String assessability, double distress,
                            double confidence, Instant at, Map<String, Double> emotions) {
        /** @param emotions the smoothed per-emotion scores (3 decimals); empty from edges before 2026-12-01 */
        public BedReport {
            emotions = emotions == null ? Map.of() : Map.copyOf(emotions);
        }

        /** The scores as sent: rounded to 3 decimals (enough for the bars, a third of the bytes). */
        public static Map<String, Double> rounded(Map<String, Double> emotions) {
            Map<String, Double> m = new java.util.TreeMap<>();
            emotions.forEach((k, v) -> m.put(k, Math.round(v * 1000) / 1000.0));
            return m;
        }
    }

    /**
     * One alert transition decided by an edge, with the edge's own alert id and times; {@code seq} is its
     * outbox number, confirmed by a {@link Receipt}.
     */
    public record AlertReport(String edge, long seq, String alertId, String bed, String kind, String ruleId, String priority,
                              String transition, double t, Instant at, String message, String actor,
                              Map<String, Double> emotions, boolean latched, int escalationLevel, String recipient) {
        public AlertReport {
            emotions = emotions == null ? Map.of() : Map.copyOf(emotions);
        }
    }

    /** The central station has stored (or already had) the alert message {@code seq} of an edge. */
    public record Receipt(long seq, String alertId, boolean duplicate) {}

    /** An alert's state as the central station keeps it; retained on alert/{id}. */
    public record AlertState(String alertId, String bed, String kind, String ruleId, String priority, String state,
                             double raisedT, Instant raisedAt, int escalationLevel, String recipient, boolean latched,
                             boolean conditionActive, String ackedBy, Instant ackedAt, String resolvedBy, Instant resolvedAt,
                             String message) {}

    /** The admins' alerts-config as the central validated it: file name -> text, and its version. */
    public record ConfigBundle(String version, Map<String, String> files, Instant at) {
        public ConfigBundle {
            files = files == null ? Map.of() : Map.copyOf(files);
        }
    }

    /** A person's instruction to the central station: {@code type} ack or resolve. */
    public record Command(String type, String alertId, String user, String from, String reason) {}

    /** The central station's presence (dashboards show a lost central at once). */
    public record CentralPresence(String state, Instant at) {}
}
