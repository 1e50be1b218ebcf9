package org.vigil.rules;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each value (and each mapping key) of a YAML file starts, by JSON pointer ("/rules/0/start").
 * The schema validator reports JSON locations; this index turns them back into file:line:column.
 */
public final class YamlPositions {
    /** 1-based line and column. */
    public record Position(int line, int column) {}

    private final Map<String, Position> values = new HashMap<>();
    private final Map<String, Position> keys = new HashMap<>();

    void value(String pointer, int line, int column) {
        values.put(pointer, new Position(line, column));
    }

    void key(String pointer, int line, int column) {
        keys.put(pointer, new Position(line, column));
    }

    /** Start of the value at {@code pointer}, or of its nearest located parent (never null). */
    public Position of(String pointer) {
        for (String p = pointer; ; p = parent(p)) {
            Position at = values.get(p);
            if (at != null) return at;
            if (p.isEmpty()) return new Position(1, 1);
        }
    }

    /** Start of the key naming the value at {@code pointer}; the value's start for list items and the root. */
    public Position keyOf(String pointer) {
        Position at = keys.get(pointer);
        return at != null ? at : of(pointer);
    }

    static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    /** One JSON-pointer segment: '~' and '/' escaped as RFC 6901 says. */
    static String segment(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
