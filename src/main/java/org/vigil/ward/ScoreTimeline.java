package org.vigil.ward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.rules.Assessability;
import org.vigil.rules.Observation;

/**
 * Recorded scores per bed: the status lines of {@code monitor}'s JSON lines output (e.g.
 * docs/alerts-timelines/*.jsonl), so that an edge can be played without a camera or a model (tests,
 * {@code bench ward}). No images: only scores.
 */
public record ScoreTimeline(Map<String, List<Observation>> beds) {

    /** @throws IllegalArgumentException naming file:line for a line that is not a status line */
    public static ScoreTimeline read(Path file) {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<Observation>> out = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                JsonNode j;
                try {
                    j = json.readTree(line);
                } catch (IOException e) {
                    throw new IllegalArgumentException(file + ":" + n + ": not a JSON object");
                }
                if (j.has("type") && !j.get("type").asText().equals("status")) continue;
                if (!j.has("t") || !j.get("t").isNumber()) throw new IllegalArgumentException(file + ":" + n + ": missing numeric \"t\"");
                Map<String, Double> em = new HashMap<>();
                JsonNode e = j.get("emotions");
                if (e != null && e.isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> f = it.next();
                        em.put(f.getKey(), f.getValue().asDouble());
                    }
                }
                Assessability a;
                try {
                    a = j.has("assessability") ? Assessability.fromWire(j.get("assessability").asText()) : Assessability.OK;
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(file + ":" + n + ": " + ex.getMessage());
                }
                String bed = j.hasNonNull("bed") ? j.get("bed").asText() : "bed";
                out.computeIfAbsent(bed, k -> new ArrayList<>()).add(new Observation(bed, j.get("t").asDouble(), a,
                        a.assessable() ? em : Map.of(), j.has("confidence") ? j.get("confidence").asDouble() : 1));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read score timeline " + file + ": " + e.getMessage());
        }
        if (out.isEmpty()) throw new IllegalArgumentException("score timeline " + file + " has no status lines");
        return new ScoreTimeline(out);
    }

    /** The lines of {@code bed}, or those of the file's first bed when it has none of its own (one recording, many beds). */
    public List<Observation> forBed(String bed) {
        List<Observation> own = beds.get(bed);
        return own != null ? own : beds.values().iterator().next();
    }
}
