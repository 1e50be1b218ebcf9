package org.vigil.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Words schema violations for ward admins rather than in validator terms. The wording comes from the
 * schema itself: {@code title} names a mapping ("a rule"), {@code description} explains a key, and
 * {@code errorMessage} (also shown by yaml-language-server) says what a value must be.
 */
final class SchemaErrorMessages {
    private final JsonNode schema;

    SchemaErrorMessages(JsonNode schema) {
        this.schema = schema;
    }

    /** "unknown key 'persit' in a rule (expected one of: ...); did you mean 'persist'?" */
    String unknownKey(JsonNodePath keyword, String key) {
        JsonNode owner = ownerOf(keyword);
        List<String> known = new ArrayList<>();
        owner.path("properties").fieldNames().forEachRemaining(known::add);
        return "unknown key '" + key + "' in " + title(owner) + " (expected one of: " + String.join(", ", new TreeSet<>(known)) + ")"
                + KeySuggestion.didYouMean(key, known);
    }

    /** "a rule needs 'start': the score must reach this to start an episode (0..1)" */
    String missingKey(JsonNodePath keyword, String key) {
        JsonNode owner = ownerOf(keyword);
        String about = resolve(owner.path("properties").path(key)).path("description").asText("");
        return title(owner) + " needs '" + key + "'" + (about.isEmpty() ? "" : ": " + phrase(about));
    }

    /** "'start' is a probability and must be between 0 and 1, got 1.4"; list items are named by their value. */
    String badValue(JsonNodePath keyword, ValidationMessage m, String pointer, JsonNode value) {
        JsonNode owner = ownerOf(keyword);
        String last = pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
        boolean listItem = !pointer.isEmpty() && last.chars().allMatch(Character::isDigit);
        String subject = listItem ? describe(value) : "'" + last + "'";
        String must = owner.path("errorMessage").asText("");
        if (must.isEmpty() && m.getType().equals("type") && owner.path("type").asText("").equals("object")) {
            return title(owner) + " must be a mapping of 'key: value' lines, got " + describe(value);
        }
        if (must.isEmpty() && m.getType().equals("type")) must = "must be " + typeName(owner.path("type"));
        if (must.isEmpty()) return subject + ": " + m.getError(); // a keyword the schema gives no wording for
        return subject + " " + must + (listItem ? "" : ", got " + describe(value));
    }

    /** The schema object holding the failed keyword: the keyword's location minus its last step. */
    private JsonNode ownerOf(JsonNodePath keyword) {
        JsonNode n = schema;
        for (int i = 0; i < keyword.getNameCount() - 1; i++) n = n.path(String.valueOf(keyword.getElement(i)));
        return n;
    }

    /** Follows local "$ref"s ("#/$defs/...") so that a referenced key's own description is found. */
    private JsonNode resolve(JsonNode n) {
        for (int hops = 0; hops < 5 && !n.has("description") && n.path("$ref").asText("").startsWith("#/"); hops++) {
            n = schema.at(n.path("$ref").asText().substring(1));
        }
        return n;
    }

    private static String title(JsonNode owner) {
        return owner.path("title").asText("this mapping");
    }

    private static String typeName(JsonNode type) {
        List<String> names = new ArrayList<>();
        Iterable<JsonNode> types = type.isArray() ? type : List.of(type);
        for (JsonNode t : types) {
            names.add(switch (t.asText()) {
                case "string" -> "a text value";
                case "number", "integer" -> "a number";
                case "boolean" -> "true or false";
                case "array" -> "a list";
                case "object" -> "a mapping";
                default -> t.asText();
            });
        }
        return String.join(" or ", names);
    }

    /** A description sentence as a phrase that can follow a colon. */
    private static String phrase(String description) {
        String s = description.endsWith(".") ? description.substring(0, description.length() - 1) : description;
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
                ? s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1) : s;
    }

    /** A value as the admin typed it: 'text', 1.4, true, a list, a mapping, nothing. */
    static String describe(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) return "nothing";
        if (v.isObject()) return "a mapping";
        if (v.isArray()) return "a list";
        if (v.isTextual()) return v.asText().isEmpty() ? "nothing" : "'" + v.asText() + "'";
        return v.asText();
    }
}
