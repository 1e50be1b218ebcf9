package org.vigil.capture;

/** The technical state of one bed's source, as reported to listeners and in "technical" lines. */
public enum SourceState {
    CONNECTING,
    RUNNING,
    RECONNECTING,
    /** Gave up, or cannot open at all (missing or corrupt file). */
    OFFLINE,
    /** A file reached its end. */
    ENDED;

    public String wire() {
        return name().toLowerCase();
    }
}
