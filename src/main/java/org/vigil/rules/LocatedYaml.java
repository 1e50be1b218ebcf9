package org.vigil.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * One YAML file as a Jackson tree plus the position of every key and value in it. Built from the
 * YAML token stream (not ObjectMapper) so that positions can be recorded and duplicate keys, which a
 * tree would silently collapse, are reported where they are.
 *
 * @param root null for an empty file (e.g. everything commented out)
 */
public record LocatedYaml(String file, JsonNode root, YamlPositions positions) {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Parses {@code text}; syntax errors and duplicate keys are thrown with their file:line:column. */
    public static LocatedYaml read(String file, String text) throws ConfigException {
        Reader r = new Reader(file);
        try (JsonParser p = YAML.createParser(text)) {
            JsonNode root = p.nextToken() == null ? null : r.value(p, "");
            if (root != null && p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                r.errors.add(new ConfigError(file, l.getLineNr(), l.getColumnNr(), "only one YAML document per file (remove the '---')"));
            }
            if (!r.errors.isEmpty()) throw new ConfigException(r.errors);
            return new LocatedYaml(file, root, r.positions);
        } catch (IOException e) {
            throw new ConfigException(List.of(syntaxError(file, e)));
        }
    }

    private static ConfigError syntaxError(String file, IOException e) {
        // Jackson wraps SnakeYAML's error; its problem mark is where the YAML actually broke
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                Mark at = m.getProblemMark() != null ? m.getProblemMark() : m.getContextMark();
                String what = m.getProblem() != null ? m.getProblem() : m.getMessage();
                return new ConfigError(file, at == null ? 0 : at.getLine() + 1, at == null ? 0 : at.getColumn() + 1, "YAML syntax: " + what.trim());
            }
        }
        return new ConfigError(file, 0, 0, "YAML: " + e.getMessage());
    }

    private static final class Reader {
        final String file;
        final YamlPositions positions = new YamlPositions();
        final List<ConfigError> errors = new ArrayList<>();

        Reader(String file) {
            this.file = file;
        }

        /** The value whose first token is current, recorded at {@code pointer}. */
        JsonNode value(JsonParser p, String pointer) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            positions.value(pointer, at.getLineNr(), at.getColumnNr());
            return switch (p.currentToken()) {
                case START_OBJECT -> object(p, pointer);
                case START_ARRAY -> array(p, pointer);
                case VALUE_STRING -> NODES.textNode(p.getText());
                case VALUE_NUMBER_INT -> intNode(p);
                case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
                case VALUE_TRUE -> NODES.booleanNode(true);
                case VALUE_FALSE -> NODES.booleanNode(false);
                case VALUE_NULL -> NODES.nullNode();
                default -> NODES.textNode(p.getText()); // embedded objects (binary tags) are not config
            };
        }

        private static JsonNode intNode(JsonParser p) throws IOException {
            return switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
        }

        private ObjectNode object(JsonParser p, String pointer) throws IOException {
            ObjectNode out = NODES.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                String child = pointer + "/" + YamlPositions.segment(key);
                JsonLocation keyAt = p.currentTokenLocation();
                p.nextToken();
                if (out.has(key)) {
                    YamlPositions.Position first = positions.keyOf(child);
                    errors.add(new ConfigError(file, keyAt.getLineNr(), keyAt.getColumnNr(), "duplicate key '" + key
                            + "' (first at " + file + ":" + first.line() + ":" + first.column() + ")"));
                    new Reader(file).value(p, child); // skip it, keeping the first one's positions
                    continue;
                }
                positions.key(child, keyAt.getLineNr(), keyAt.getColumnNr());
                out.set(key, value(p, child));
            }
            return out;
        }

        private ArrayNode array(JsonParser p, String pointer) throws IOException {
            ArrayNode out = NODES.arrayNode();
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) out.add(value(p, pointer + "/" + i));
            return out;
        }
    }
}
