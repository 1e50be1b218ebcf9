package org.vigil.eval;

/**
 * What one model did on one labelled image set: the confusion matrix and its answers, scored at
 * the temperature the model ran at (so NLL and ECE describe the probabilities it really gives).
 */
public record Evaluation(ConfusionMatrix confusion, ModelAnswers answers, double temperature) {

    /** Mean negative log-likelihood of the true labels. */
    public double nll() {
        return answers.nll(temperature);
    }

    public ReliabilityBins reliability() {
        return answers.reliability(temperature, ReliabilityBins.DEFAULT_BINS);
    }

    /** Expected calibration error over {@value ReliabilityBins#DEFAULT_BINS} bins. */
    public double ece() {
        return reliability().ece();
    }
}
