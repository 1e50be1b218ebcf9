package org.vigil.pipeline;

/**
 * The state a nurse sees on a bed tile, decided in one place ({@code BedDecider}). Travels as this enum
 * from the decision thread to every listener; the JSON lines' names are defined here only.
 */
public enum BedState {
    CALM("calm"),
    DISTRESS_BUILDING("distress_building"),
    ALERT("alert"),
    CANNOT_ASSESS("cannot_assess"),
    CAMERA_OFFLINE("camera_offline");

    private final String wire;

    BedState(String wire) {
        this.wire = wire;
    }

    /** The name in JSON lines ("state"). */
    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException for a name that is not a bed state */
    public static BedState fromWire(String s) {
        for (BedState b : values()) if (b.wire.equals(s)) return b;
        throw new IllegalArgumentException("unknown bed state '" + s + "'");
    }
}
