package org.vigil.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vigil.capture.SourceSpec;
import org.vigil.track.BedRegion;

/**
 * A ward: the beds one machine watches, each with its camera and optional bed region, e.g.
 * <pre>
 * ward: ward-a
 * beds:
 *   - bed: bed-1
 *     source: camera:0
 *     region: 0.2,0.1,0.6,0.8     # x,y,w,h as fractions of the frame
 *   - bed: bed-2
 *     source: rtsp://cam2.local/stream
 * </pre>
 * Ward files live in alerts-config/wards/ (sub-folders are not read as rule files).
 */
public record WardFile(String ward, List<Bed> beds) {

    public record Bed(SourceSpec source, BedRegion region) {}

    public static WardFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read ward file " + file + ": " + e.getMessage());
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new IllegalArgumentException("ward file " + file + (loc == null ? "" : ":" + loc.getLineNr())
                    + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("ward file " + file + ": expected a mapping with 'beds:'");
        JsonNode beds = root.get("beds");
        if (beds == null || !beds.isArray() || beds.isEmpty()) {
            throw new IllegalArgumentException("ward file " + file + ": 'beds' must be a non-empty list of {bed, source, region}");
        }
        List<Bed> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        for (JsonNode b : beds) {
            i++;
            String where = "ward file " + file + ", bed #" + i;
            String name = text(b, "bed");
            String source = text(b, "source");
            if (name == null) throw new IllegalArgumentException(where + ": missing 'bed' (its name)");
            if (source == null) throw new IllegalArgumentException(where + " (" + name + "): missing 'source' (file, camera:N or URL)");
            if (!names.add(name)) throw new IllegalArgumentException(where + ": bed name '" + name + "' appears twice");
            BedRegion region = null;
            JsonNode r = b.get("region");
            try {
                if (r != null && r.isArray()) {
                    if (r.size() != 4) throw new IllegalArgumentException("region needs 4 numbers x,y,w,h");
                    region = new BedRegion(r.get(0).asDouble(), r.get(1).asDouble(), r.get(2).asDouble(), r.get(3).asDouble());
                } else if (r != null && !r.isNull()) {
                    region = BedRegion.parse(r.asText());
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " (" + name + "): " + e.getMessage());
            }
            out.add(new Bed(SourceSpec.parse(name, source), region));
        }
        String ward = root.hasNonNull("ward") ? root.get("ward").asText() : file.getFileName().toString();
        return new WardFile(ward, out);
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
