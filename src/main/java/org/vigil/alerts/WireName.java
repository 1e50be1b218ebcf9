package org.vigil.alerts;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum constant with a name for the CLI, the database and JSON (lower case, hyphenated). */
interface WireName {
    String wire();

    /**
     * The constant of {@code type} named {@code s} (any case, trimmed).
     *
     * @param what how an error calls the value, e.g. "outcome"
     * @throws IllegalArgumentException naming the value and the valid ones
     */
    static <E extends Enum<E> & WireName> E parse(Class<E> type, String s, String what) {
        String name = s == null ? "" : s.trim();
        for (E e : type.getEnumConstants()) if (e.wire().equalsIgnoreCase(name)) return e;
        throw new IllegalArgumentException("unknown " + what + " '" + s + "' (one of: "
                + Arrays.stream(type.getEnumConstants()).map(WireName::wire).collect(Collectors.joining(", ")) + ")");
    }
}
