package org.vigil.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A ward: its name, whether its screen is public, and one source per bed.
 * <pre>
 * ward: Ward 3 East
 * public: false          # a public screen starts with faces blurred
 * beds:
 *   - name: Bed 1
 *     source: camera:0
 *   - name: Bed 2
 *     source: /videos/bed2.mp4   # or rtsp://..., relative paths are relative to this file
 * </pre>
 */
public record WardFile(String name, boolean publicView, List<Bed> beds) {
    public record Bed(String name, String source) {}

    public WardFile {
        beds = List.copyOf(beds);
    }

    /** Read and check a ward file; errors name the file and the bad entry. */
    public static WardFile load(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid YAML at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) throw new IOException(file + ": expected a mapping with 'beds'");
        JsonNode beds = root.path("beds");
        if (!beds.isArray() || beds.isEmpty()) throw new IOException(file + ": 'beds' must list at least one bed");
        List<Bed> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < beds.size(); i++) {
            JsonNode b = beds.get(i);
            String name = b.path("name").asText("").trim();
            String source = b.path("source").asText("").trim();
            if (name.isEmpty()) throw new IOException(file + ": beds[" + i + "] has no name");
            if (source.isEmpty()) throw new IOException(file + ": bed '" + name + "' has no source");
            if (!names.add(name)) throw new IOException(file + ": bed name '" + name + "' appears twice");
            out.add(new Bed(name, resolve(file, source)));
        }
        return new WardFile(root.path("ward").asText(file.getFileName().toString()),
                root.path("public").asBoolean(false), out);
    }

    private static String resolve(Path file, String source) {
        if (source.startsWith("camera:") || source.contains("://")) return source;
        Path p = Path.of(source);
        if (p.isAbsolute() || file.getParent() == null) return source;
        Path rel = file.getParent().resolve(p).normalize();
        return Files.exists(rel) ? rel.toString() : source;
    }
}
