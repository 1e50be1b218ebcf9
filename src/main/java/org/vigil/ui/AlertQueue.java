package org.vigil.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertTransition;

/**
 * The open alerts as the nurse sees them, built from the alert events. Order: not yet acknowledged
 * first, then most severe, then newest. A resolved alert leaves the queue, except one that ended
 * before anyone acknowledged it: that one stays, marked "ended — not yet seen", until a nurse
 * acknowledges it (no alert passes unseen). Not thread-safe: EDT only.
 */
public final class AlertQueue {
    /** One open alert: the latest event of its lifecycle plus when it was first raised. */
    public record Entry(String alertId, String bed, AlertKind kind, AlertPriority priority, String message,
                        Map<String, Double> emotions, double raisedT, Instant raisedAt, AlertTransition last,
                        String actor, boolean ended) {
        public Entry(String alertId, String bed, AlertKind kind, AlertPriority priority, String message,
                     Map<String, Double> emotions, double raisedT, Instant raisedAt, AlertTransition last, String actor) {
            this(alertId, bed, kind, priority, message, emotions, raisedT, raisedAt, last, actor, false);
        }

        public boolean acknowledged() {
            return last == AlertTransition.ACKNOWLEDGED;
        }

        /** Ended before anyone acknowledged it: it stays until a nurse has seen it. */
        public boolean endedUnseen() {
            return ended && !acknowledged();
        }

        /** "sad 0.71": what was seen, the strongest distress-driving class (full scores in the tooltip). */
        public String seen() {
            if (emotions.isEmpty()) return message == null ? kind.wire() : message;
            StringBuilder sb = new StringBuilder();
            emotions.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(1)
                    .forEach(e -> sb.append(sb.isEmpty() ? "" : ", ").append(e.getKey())
                            .append(String.format(" %.2f", e.getValue())));
            return sb.toString();
        }
    }

    public static final Comparator<Entry> ORDER = Comparator.comparing(Entry::acknowledged)
            .thenComparing(Entry::priority, Comparator.reverseOrder())
            .thenComparing(Entry::raisedAt, Comparator.nullsLast(Comparator.reverseOrder()));

    private final Map<String, Entry> open = new LinkedHashMap<>();

    /** Apply one event; returns true when it is a new alert that deserves the audible cue. */
    public boolean apply(AlertEvent e) {
        Entry prev = open.get(e.alertId());
        switch (e.transition()) {
            case RESOLVED -> {
                if (prev != null && AlertManager.endsUnseen(prev.kind(), prev.acknowledged(), e.actor())) {
                    open.put(e.alertId(), new Entry(prev.alertId(), prev.bed(), prev.kind(), prev.priority(), e.message(),
                            prev.emotions(), prev.raisedT(), prev.raisedAt(), prev.last(), prev.actor(), true));
                } else {
                    open.remove(e.alertId());
                }
                return false;
            }
            case RAISED, ESCALATED -> {
                Instant raisedAt = prev != null ? prev.raisedAt() : e.at();
                double raisedT = prev != null ? prev.raisedT() : e.t();
                Map<String, Double> em = e.emotions().isEmpty() && prev != null ? prev.emotions() : e.emotions();
                open.put(e.alertId(), new Entry(e.alertId(), e.bed(), e.kind(), e.priority(), e.message(), em,
                        raisedT, raisedAt, e.transition(), e.actor()));
                return prev == null || e.transition() == AlertTransition.ESCALATED;
            }
            case ACKNOWLEDGED -> {
                if (prev != null && prev.ended()) {
                    open.remove(e.alertId()); // seen now, and over already
                } else if (prev != null) {
                    open.put(e.alertId(), new Entry(prev.alertId(), prev.bed(), prev.kind(), prev.priority(),
                            prev.message(), prev.emotions(), prev.raisedT(), prev.raisedAt(),
                            AlertTransition.ACKNOWLEDGED, e.actor()));
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    public List<Entry> entries() {
        List<Entry> list = new ArrayList<>(open.values());
        list.sort(ORDER);
        return list;
    }

    public Entry get(String alertId) {
        return open.get(alertId);
    }

    public int size() {
        return open.size();
    }

    /** The most urgent open alert for this bed, or null. */
    public Entry worstFor(String bed) {
        return entries().stream().filter(x -> x.bed().equals(bed)).findFirst().orElse(null);
    }
}
