package org.vigil.alerts;

/**
 * What an alert is about. Clinical: {@link #DISTRESS}; technical: the camera is offline, the patient is
 * not visible, the emotion model failed. The wire names (JSON lines, CSV/JSON export, the alert
 * database, logs) are defined here only.
 */
public enum AlertKind {
    DISTRESS("distress"),
    /** Clinical: one bed alerted more than K times in M minutes (rules.yaml 'frequent'): it needs a person. */
    FREQUENT_DISTRESS("frequent-distress"),
    CAMERA_OFFLINE("camera-offline"),
    NOT_VISIBLE("not-visible"),
    MODEL_FAILURE("model-failure"),
    /** The hospital's nurse-call system answered a report with an error (AE/AR). */
    NURSE_CALL_REJECTED("nurse-call-rejected"),
    /** Reports to the nurse-call system have waited too long for an answer. */
    NURSE_CALL_OFFLINE("nurse-call-offline"),
    /** The edge box watching the bed is gone (its MQTT Last Will arrived): nobody watches the bed. */
    EDGE_OFFLINE("edge-offline"),
    /** A file Vigil writes (JSON lines, alert database) cannot be written, e.g. the disk is full. */
    STORAGE("storage");

    private final String wire;

    AlertKind(String wire) {
        this.wire = wire;
    }

    /** The name in JSON, CSV, the database and logs. */
    public String wire() {
        return wire;
    }

    /** Technical alerts are about the monitoring itself, not the patient. */
    public boolean technical() {
        return this != DISTRESS && this != FREQUENT_DISTRESS;
    }

    /** @throws IllegalArgumentException for a name that is not a kind */
    public static AlertKind fromWire(String s) {
        for (AlertKind k : values()) if (k.wire.equals(s)) return k;
        throw new IllegalArgumentException("unknown alert kind '" + s + "'");
    }

    /** The wire name, so that messages and logs read as before. */
    @Override
    public String toString() {
        return wire;
    }
}
