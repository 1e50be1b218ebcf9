package org.vigil.eval;

import java.util.List;
import org.vigil.classify.EmotionLabels;

/**
 * Chooses the prior shift on the resting class (neutral, or relaxed in the 4-class scheme): the smallest
 * log-prior offset that brings calm faces read as distress down to a target on held-out faces. Why a shift
 * and not a higher rule threshold: a misreading that is steady for one resting face is an alarm every shift
 * whatever the threshold, and a ward sees resting faces far more often than the training set did. The
 * price is paid in distress faces no longer read as distress; both sides are reported.
 */
public final class CalmPriorFit {
    /** Shifts tried, in this step, up to {@link #MAX_SHIFT}. */
    static final double STEP = 0.05;
    static final double MAX_SHIFT = 3.0;

    /**
     * @param shift          the offset on {@code restClass} (0: none needed)
     * @param calmAsDistress share of calm faces (neutral/relaxed/happy) whose most probable class is angry or sad
     * @param distressCaught share of angry/sad faces whose most probable class is angry or sad
     */
    public record Point(double shift, double accuracy, double calmAsDistress, double distressCaught) {}

    public record Result(String restClass, Point before, Point after) {}

    private CalmPriorFit() {}

    /**
     * @param answers     answers without a prior shift (see {@link ModelAnswers#withShift})
     * @param labels      the answers' classes
     * @param temperature the model's temperature
     * @param target      at most this share of calm faces read as distress
     * @throws IllegalArgumentException when no shift up to {@value #MAX_SHIFT} reaches the target, or there is no resting class
     */
    public static Result fit(ModelAnswers answers, List<String> labels, double temperature, double target) {
        int rest = labels.indexOf("neutral") >= 0 ? labels.indexOf("neutral") : labels.indexOf("relaxed");
        if (rest < 0) throw new IllegalArgumentException("no resting class (neutral or relaxed) among " + labels);
        Point before = measure(answers, labels, temperature, rest, 0);
        for (int i = 0; i * STEP <= MAX_SHIFT + 1e-9; i++) {
            Point p = measure(answers, labels, temperature, rest, Math.round(i * STEP * 100) / 100.0);
            if (p.calmAsDistress() <= target) return new Result(labels.get(rest), before, p);
        }
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                "no shift on %s up to %.1f brings calm faces read as distress to %.1f %% (%.1f %% without one)",
                labels.get(rest), MAX_SHIFT, target * 100, before.calmAsDistress() * 100));
    }

    /** A shift vector over {@code labels}: {@code shift} on {@code rest}, 0 elsewhere. */
    public static double[] shiftOn(List<String> labels, String rest, double shift) {
        double[] v = new double[labels.size()];
        v[labels.indexOf(rest)] = shift;
        return v;
    }

    /** Accuracy, calm read as distress and distress caught with {@code shift} on class {@code rest}. */
    static Point measure(ModelAnswers unshifted, List<String> labels, double temperature, int rest, double shift) {
        ModelAnswers a = unshifted.withShift(shiftOn(labels, labels.get(rest), shift));
        int calm = 0, calmWrong = 0, distress = 0, caught = 0, right = 0;
        for (int i = 0; i < a.size(); i++) {
            String truth = labels.get(a.label(i)), said = labels.get(a.predicted(i, temperature));
            if (truth.equals(said)) right++;
            if (EmotionLabels.CALM.contains(truth)) {
                calm++;
                if (EmotionLabels.DISTRESS.contains(said)) calmWrong++;
            } else if (EmotionLabels.DISTRESS.contains(truth)) {
                distress++;
                if (EmotionLabels.DISTRESS.contains(said)) caught++;
            }
        }
        return new Point(shift, right / (double) Math.max(1, a.size()), calmWrong / (double) Math.max(1, calm),
                caught / (double) Math.max(1, distress));
    }
}
