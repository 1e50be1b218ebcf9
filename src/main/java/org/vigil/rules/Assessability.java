package org.vigil.rules;

/** Whether the patient's emotion can be judged right now, and if not, why not. */
public enum Assessability {
    OK,
    NO_FACE,
    FACE_TOO_SMALL,
    FACE_TURNED,
    LOW_LIGHT,
    LOW_CONFIDENCE,
    CAMERA_OFFLINE;

    public boolean assessable() {
        return this == OK;
    }

    /** The name in JSON lines ("assessability"): ok, no_face, face_too_small, ... */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a name that is not an assessability */
    public static Assessability fromWire(String s) {
        for (Assessability a : values()) if (a.wire().equalsIgnoreCase(s)) return a;
        throw new IllegalArgumentException("unknown assessability '" + s + "'");
    }
}
