package org.vigil.cli;

import picocli.CommandLine.Option;

/** How video files are played and how long a run lasts: the options monitor and edge share (a picocli mixin). */
public final class PlaybackOptions {
    @Option(names = "--fast", description = "Analyse video files as fast as possible, every frame (tests, batch analysis).")
    boolean fast;

    @Option(names = "--loop", description = "Video files start again from the beginning when they end, like a camera; stream time runs on."
            + " Runs until Ctrl-C or --duration.")
    boolean loop;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop each bed after this many seconds of stream time"
            + " (video time for files, wall time for cameras and streams). Default: no limit.")
    Double duration;

    /**
     * Seconds of stream time after which each bed stops; infinity without --duration.
     * @throws IllegalArgumentException naming the value when it is not a positive number
     */
    public double stopAfterS() {
        if (duration == null) return Double.POSITIVE_INFINITY;
        if (!(duration > 0)) throw new IllegalArgumentException("--duration must be a positive number of seconds, got " + duration);
        return duration;
    }
}
