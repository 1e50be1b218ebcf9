package org.vigil.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * alerts-config/rules.schema.json, the structural rules of an alerts config file (keys, types,
 * ranges, required keys). Its violations come back as {@link ConfigError}s at the YAML position of
 * the offending key or value, worded by {@link SchemaErrorMessages}.
 */
public final class RulesSchema {
    /** The copy of alerts-config/rules.schema.json that the build puts on the classpath (see pom.xml). */
    static final String RESOURCE = "org/vigil/rules/rules.schema.json";
    private static volatile RulesSchema shipped;

    private final JsonSchema schema;
    private final SchemaErrorMessages messages;

    RulesSchema(String location, JsonNode schemaJson) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
        // errorMessage is for people (and yaml-language-server), not a check: declared so it is not warned about
        JsonMetaSchema meta = JsonMetaSchema.builder(JsonMetaSchema.getV202012()).keyword(new AnnotationKeyword("errorMessage")).build();
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, f -> f.metaSchema(meta))
                .getSchema(SchemaLocation.of(location), schemaJson, config);
        this.messages = new SchemaErrorMessages(schemaJson);
    }

    /** The schema Vigil itself checks with. */
    public static RulesSchema shipped() {
        if (shipped == null) {
            try (InputStream in = RulesSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath (build with Maven)");
                shipped = new RulesSchema("classpath:" + RESOURCE, new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shipped;
    }

    /** A schema file on disk, e.g. alerts-config/rules.schema.json as editors see it. */
    public static RulesSchema read(Path file) throws IOException {
        return new RulesSchema(file.toUri().toString(), new ObjectMapper().readTree(Files.readString(file)));
    }

    /**
     * One problem found by the schema.
     *
     * @param pointer the value it is about (for a missing or unknown key: the mapping holding it)
     */
    public record Violation(String pointer, ConfigError error) {}

    /** Every violation in {@code doc}, at most one per value (a wrong type also fails its pattern, range...). */
    public List<Violation> check(LocatedYaml doc) {
        if (doc.root() == null) return List.of();
        List<Violation> out = new ArrayList<>();
        Set<String> valuesReported = new HashSet<>();
        for (ValidationMessage m : schema.validate(doc.root())) {
            String pointer = pointer(m.getInstanceLocation());
            JsonNodePath keyword = m.getSchemaLocation().getFragment();
            YamlPositions.Position at;
            String text;
            switch (m.getType()) {
                case "additionalProperties" -> {
                    String child = pointer + "/" + YamlPositions.segment(m.getProperty());
                    at = doc.positions().keyOf(child);
                    text = messages.unknownKey(keyword, m.getProperty());
                }
                case "required" -> {
                    at = doc.positions().of(pointer);
                    text = messages.missingKey(keyword, m.getProperty());
                }
                default -> {
                    if (!valuesReported.add(pointer)) continue;
                    at = doc.positions().of(pointer);
                    text = messages.badValue(keyword, m, pointer, m.getInstanceNode());
                }
            }
            out.add(new Violation(pointer, new ConfigError(doc.file(), at.line(), at.column(), text)));
        }
        return out;
    }

    /** The instance location as a JSON pointer, the key of {@link YamlPositions}. */
    private static String pointer(JsonNodePath path) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) b.append('/').append(YamlPositions.segment(String.valueOf(path.getElement(i))));
        return b.toString();
    }
}
