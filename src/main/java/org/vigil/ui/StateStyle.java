package org.vigil.ui;

import java.awt.Color;
import org.vigil.pipeline.BedState;

/**
 * Colour and words for each bed state. Colours follow the usual clinical convention (green calm, amber
 * building, red alert) and stay distinct for red-green colour blindness by also differing in brightness;
 * the state is always written as text too.
 */
public final class StateStyle {
    public static final Color CALM = new Color(0x2E9E5B);
    public static final Color BUILDING = new Color(0xE8A317);
    public static final Color ALERT = new Color(0xD32F2F);
    public static final Color CANNOT_ASSESS = new Color(0x7B8794);
    public static final Color OFFLINE = new Color(0x3C3F58);
    public static final Color STARTING = new Color(0x90A4AE);

    private StateStyle() {}

    public static Color colour(BedState s) {
        if (s == null) return STARTING;
        return switch (s) {
            case CALM -> CALM;
            case DISTRESS_BUILDING -> BUILDING;
            case ALERT -> ALERT;
            case CANNOT_ASSESS -> CANNOT_ASSESS;
            case CAMERA_OFFLINE -> OFFLINE;
        };
    }

    public static String label(BedState s) {
        if (s == null) return "Starting";
        return switch (s) {
            case CALM -> "Calm";
            case DISTRESS_BUILDING -> "Distress building";
            case ALERT -> "ALERT";
            case CANNOT_ASSESS -> "Cannot assess";
            case CAMERA_OFFLINE -> "Camera offline";
        };
    }

    /** Text colour readable on the state colour. */
    public static Color onColour(BedState s) {
        return s == BedState.DISTRESS_BUILDING ? Color.BLACK : Color.WHITE;
    }

    public static String duration(double seconds) {
        if (!(seconds >= 0)) return "";
        long s = Math.round(seconds);
        if (s < 60) return s + " s";
        if (s < 600 && s % 60 != 0) return String.format("%d min %d s", s / 60, s % 60);
        if (s < 3600) return (s / 60) + " min";
        return String.format("%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
