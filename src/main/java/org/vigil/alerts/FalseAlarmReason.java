package org.vigil.alerts;

/** Why an alert was a false alarm, as the nurse may say (optional). Wire names defined here only. */
public enum FalseAlarmReason implements WireName {
    RESTING_FACE("resting-face", "resting face"),
    TALKING_EATING("talking-eating", "talking/eating"),
    PAIN_OR_EFFORT("pain-or-effort", "grimace from pain or effort"),
    NOT_THE_PATIENT("not-the-patient", "not the patient"),
    POOR_LIGHT("poor-light", "poor light");

    private final String wire;
    private final String label;

    FalseAlarmReason(String wire, String label) {
        this.wire = wire;
        this.label = label;
    }

    @Override
    public String wire() {
        return wire;
    }

    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException naming the value and the valid ones */
    public static FalseAlarmReason fromWire(String s) {
        return WireName.parse(FalseAlarmReason.class, s, "false-alarm reason");
    }
}
