package org.vigil.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.List;
import java.util.Map;

/**
 * Recorded scores as observations: the status lines of {@code ./run.sh monitor}'s JSON lines output
 * ({t, bed, assessability, emotions, confidence}), read for replays (eval) and simulated edges (ward).
 * Lines with a "type" other than "status" (alerts, summaries) are skipped. No images: only scores.
 */
public final class ObservationLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ObservationLines() {}

    /**
     * The observations in file order. Each line's "bed" is kept; {@code bed} is used for lines without one.
     *
     * @throws IllegalArgumentException naming file:line for a line that is not a status line
     * @throws IOException              when the file cannot be read
     */
    public static List<Observation> read(Path file, String bed) throws IOException {
        List<Observation> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                JsonNode j;
                try {
                    j = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(file + ":" + n + ": not a JSON object: " + e.getOriginalMessage());
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
                out.add(new Observation(j.hasNonNull("bed") ? j.get("bed").asText() : bed, j.get("t").asDouble(), a,
                        a.assessable() ? em : Map.of(), j.has("confidence") ? j.get("confidence").asDouble() : 1));
            }
        }
        return out;
    }
}
