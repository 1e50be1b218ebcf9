package org.vigil.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes alert history (transitions or alerts) as CSV (RFC 4180) or JSON, for audits and spreadsheets. */
public final class AlertExport {
    public enum Format { CSV, JSON }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final CsvMapper CSV = new CsvMapper();
    static final List<String> EVENT_COLUMNS = List.of("at", "t", "bed", "alert_id", "kind", "rule", "priority", "transition",
            "actor", "message", "emotions");
    static final List<String> ALERT_COLUMNS = List.of("alert_id", "bed", "kind", "rule", "priority", "state", "raised_at",
            "raised_t", "escalation_level", "recipient", "latched", "acked_by", "acked_at", "ack_seconds", "resolved_by",
            "resolved_at", "outcome", "outcome_reason", "outcome_by", "outcome_at", "message");

    private AlertExport() {}

    public static void events(List<AlertEvent> events, Format format, Writer out) throws IOException {
        write(events.stream().map(AlertExport::row).toList(), EVENT_COLUMNS, format, out);
    }

    public static void alerts(List<Alert> alerts, Format format, Writer out) throws IOException {
        alerts(alerts, Map.of(), format, out);
    }

    /** @param outcomes what the nurses said, by alert id (alerts without one have empty outcome columns) */
    public static void alerts(List<Alert> alerts, Map<String, AlertFeedback> outcomes, Format format, Writer out) throws IOException {
        write(alerts.stream().map(a -> row(a, outcomes.get(a.id()))).toList(), ALERT_COLUMNS, format, out);
    }

    static Map<String, Object> row(AlertEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", e.at().toString());
        m.put("t", Math.round(e.t() * 1000) / 1000.0);
        m.put("bed", e.bed());
        m.put("alert_id", e.alertId());
        m.put("kind", e.kind().wire());
        m.put("rule", e.ruleId());
        m.put("priority", e.priority().name().toLowerCase());
        m.put("transition", e.transition().name().toLowerCase());
        m.put("actor", e.actor());
        m.put("message", e.message());
        m.put("emotions", e.emotions());
        return m;
    }

    static Map<String, Object> row(Alert a, AlertFeedback f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alert_id", a.id());
        m.put("bed", a.bed());
        m.put("kind", a.kind().wire());
        m.put("rule", a.ruleId());
        m.put("priority", a.priority().name().toLowerCase());
        m.put("state", a.state().name().toLowerCase());
        m.put("raised_at", a.raisedAt().toString());
        m.put("raised_t", Math.round(a.raisedT() * 1000) / 1000.0);
        m.put("escalation_level", a.escalationLevel());
        m.put("recipient", a.recipient());
        m.put("latched", a.latched());
        m.put("acked_by", a.ackedBy());
        m.put("acked_at", a.ackedAt() == null ? null : a.ackedAt().toString());
        m.put("ack_seconds", a.ackedAt() == null ? null : (a.ackedAt().toEpochMilli() - a.raisedAt().toEpochMilli()) / 1000.0);
        m.put("resolved_by", a.resolvedBy());
        m.put("resolved_at", a.resolvedAt() == null ? null : a.resolvedAt().toString());
        m.put("outcome", f == null ? null : f.outcome().wire());
        m.put("outcome_reason", f == null || f.reason() == null ? null : f.reason().wire());
        m.put("outcome_by", f == null ? null : f.by());
        m.put("outcome_at", f == null ? null : f.at().toString());
        m.put("message", a.message());
        return m;
    }

    private static void write(List<Map<String, Object>> rows, List<String> columns, Format format, Writer out) throws IOException {
        if (format == Format.JSON) {
            JSON.writeValue(new NonClosingWriter(out), rows);
            out.write('\n');
        } else {
            CsvSchema.Builder schema = CsvSchema.builder();
            columns.forEach(schema::addColumn);
            try (SequenceWriter w = CSV.writer(schema.build().withHeader().withLineSeparator("\r\n"))
                    .writeValues(new NonClosingWriter(out))) {
                for (Map<String, Object> r : rows) {
                    Map<String, String> cells = new LinkedHashMap<>();
                    for (String c : columns) cells.put(c, cell(r.get(c)));
                    w.write(cells);
                }
            }
        }
        out.flush();
    }

    /** The text of one cell; quoting is the CSV writer's job. */
    private static String cell(Object v) {
        if (v == null) return "";
        String s;
        if (v instanceof Map<?, ?> m) {
            s = m.entrySet().stream().sorted(Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString())))
                    .map(e -> e.getKey() + "=" + String.format(java.util.Locale.ROOT, "%.3f", ((Number) e.getValue()).doubleValue()))
                    .collect(Collectors.joining(" "));
        } else s = v.toString();
        // Spreadsheet formula injection guard: a cell must never start a formula.
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !(v instanceof Number)) s = "'" + s;
        return s;
    }

    /** Jackson closes its target; the caller owns {@code out}. */
    private static final class NonClosingWriter extends java.io.FilterWriter {
        NonClosingWriter(Writer w) {
            super(w);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
