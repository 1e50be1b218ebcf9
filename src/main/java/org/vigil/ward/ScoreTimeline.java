package org.vigil.ward;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.rules.Observation;
import org.vigil.rules.ObservationLines;

/**
 * Recorded scores per bed: the status lines of {@code monitor}'s JSON lines output (e.g.
 * docs/alerts-timelines/*.jsonl), so that an edge can be played without a camera or a model (tests,
 * {@code bench ward}). No images: only scores.
 */
public record ScoreTimeline(Map<String, List<Observation>> beds) {

    /** @throws IllegalArgumentException naming file:line for a line that is not a status line */
    public static ScoreTimeline read(Path file) {
        Map<String, List<Observation>> out = new LinkedHashMap<>();
        try {
            for (Observation o : ObservationLines.read(file, "bed")) out.computeIfAbsent(o.bed(), k -> new ArrayList<>()).add(o);
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
