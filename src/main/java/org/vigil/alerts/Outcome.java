package org.vigil.alerts;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What the nurse found at the bedside, given when resolving an alert (never required). The wire
 * names (CLI, database, JSON) are defined here only.
 */
public enum Outcome {
    CONFIRMED("confirmed", "distress confirmed"),
    FALSE_ALARM("false-alarm", "false alarm"),
    NOT_CHECKED("not-checked", "not checked");

    private final String wire;
    private final String label;

    Outcome(String wire, String label) {
        this.wire = wire;
        this.label = label;
    }

    public String wire() {
        return wire;
    }

    /** How people read it: "false alarm". */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException naming the value and the valid ones */
    public static Outcome fromWire(String s) {
        for (Outcome o : values()) if (o.wire.equalsIgnoreCase(s == null ? "" : s.trim())) return o;
        throw new IllegalArgumentException("unknown outcome '" + s + "' (one of: "
                + Arrays.stream(values()).map(Outcome::wire).collect(Collectors.joining(", ")) + ")");
    }
}
