package org.vigil.nursecall;

/** IHE PCD ACM event phase of a report, as written in the phase OBX. */
public enum AlertPhase {
    START("start"), CONTINUE("continue"), END("end");

    private final String wire;

    AlertPhase(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static AlertPhase ofWire(String s) {
        for (AlertPhase p : values()) if (p.wire.equals(s)) return p;
        throw new IllegalArgumentException("unknown event phase '" + s + "'");
    }
}
