package org.vigil.alerts;

/**
 * What the nurse found at the bedside, given when resolving an alert (never required). The wire
 * names (CLI, database, JSON) are defined here only.
 */
public enum Outcome implements WireName {
    CONFIRMED("confirmed", "distress confirmed"),
    FALSE_ALARM("false-alarm", "false alarm"),
    NOT_CHECKED("not-checked", "not checked");

    private final String wire;
    private final String label;

    Outcome(String wire, String label) {
        this.wire = wire;
        this.label = label;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** How people read it: "false alarm". */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException naming the value and the valid ones */
    public static Outcome fromWire(String s) {
        return WireName.parse(Outcome.class, s, "outcome");
    }
}
