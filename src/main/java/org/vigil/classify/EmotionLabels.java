package org.vigil.classify;

import java.util.List;
import java.util.Set;

/** The two label sets Vigil knows, and which labels count as distress or calm. */
public final class EmotionLabels {
    /** FER-2013 in challenge index order (emotion column 0..6). */
    public static final List<String> FER7 = List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");
    /** The client's 4-class scheme; relaxed is FER-2013's neutral. */
    public static final List<String> FOUR = List.of("angry", "happy", "relaxed", "sad");

    public static final Set<String> DISTRESS = Set.of("angry", "sad");
    public static final Set<String> CALM = Set.of("happy", "neutral", "relaxed");

    /** The distress score: the sum of the {@link #DISTRESS} classes' probabilities (absent classes count 0). */
    public static double distress(java.util.Map<String, Double> scores) {
        double s = 0;
        for (String k : DISTRESS) s += scores.getOrDefault(k, 0.0);
        return s;
    }

    private EmotionLabels() {}

    public static List<String> forClassCount(int classes) {
        return switch (classes) {
            case 7 -> FER7;
            case 4 -> FOUR;
            default -> throw new IllegalArgumentException("--classes must be 7 or 4, got " + classes);
        };
    }

    /**
     * Index in {@code labels} of the same emotion as {@code name}: the name itself, or neutral and
     * relaxed for each other (one emotion under two names); -1 when absent.
     */
    public static int indexOfEmotion(List<String> labels, String name) {
        int i = labels.indexOf(name);
        if (i < 0 && name.equals("relaxed")) i = labels.indexOf("neutral");
        if (i < 0 && name.equals("neutral")) i = labels.indexOf("relaxed");
        return i;
    }

    /**
     * Maps a FER-2013 class name to an index in {@code labels}, or -1 when the class is not used
     * (e.g. disgust in the 4-class scheme). Folder names are matched case-insensitively.
     */
    public static int indexIn(List<String> labels, String ferName) {
        String n = ferName.toLowerCase();
        if (labels.equals(FOUR) && n.equals("neutral")) n = "relaxed";
        return labels.indexOf(n);
    }
}
