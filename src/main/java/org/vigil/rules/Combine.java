package org.vigil.rules;

/** How a rule turns the probabilities of its emotions into one score. */
public enum Combine {
    /** Sum of the listed emotions' probabilities: "angry or sad" as one distress mass (default). */
    SUM,
    /** The largest of them: each emotion must be strong on its own. */
    MAX;

    public double apply(java.util.Collection<String> emotions, java.util.function.ToDoubleFunction<String> p) {
        double out = 0;
        for (String e : emotions) {
            double v = p.applyAsDouble(e);
            out = this == SUM ? out + v : Math.max(out, v);
        }
        return Math.min(1.0, out);
    }
}
