package org.vigil.eval;

/**
 * Fits the temperature that minimises the mean negative log-likelihood of the true labels. The
 * NLL is convex in 1/T, hence unimodal in log T, so a golden-section search on log T over a fixed
 * range finds it deterministically without gradients.
 */
public final class TemperatureFit {
    /** Search range: far beyond what real networks need (Guo et al. report 1.0-3.5). */
    public static final double MIN_TEMPERATURE = 0.05, MAX_TEMPERATURE = 20;
    /** Stop when the bracket on log T is this narrow (T known to 0.01 %). */
    private static final double LOG_TOLERANCE = 1e-4;
    private static final double INV_PHI = (Math.sqrt(5) - 1) / 2;

    private TemperatureFit() {}

    public static double fit(ModelAnswers answers) {
        if (answers.size() == 0) throw new IllegalArgumentException("no labelled faces to fit a temperature on");
        double a = Math.log(MIN_TEMPERATURE), b = Math.log(MAX_TEMPERATURE);
        double c = b - INV_PHI * (b - a), d = a + INV_PHI * (b - a);
        double fc = answers.nll(Math.exp(c)), fd = answers.nll(Math.exp(d));
        while (b - a > LOG_TOLERANCE) {
            if (fc <= fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - INV_PHI * (b - a);
                fc = answers.nll(Math.exp(c));
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + INV_PHI * (b - a);
                fd = answers.nll(Math.exp(d));
            }
        }
        return Math.exp((a + b) / 2);
    }
}
