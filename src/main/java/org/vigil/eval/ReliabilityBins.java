package org.vigil.eval;

/**
 * Top-1 confidence against accuracy in equal-width confidence bins: the data of a reliability
 * diagram and of the expected calibration error (ECE, Guo et al. 2017). Immutable.
 *
 * <p>Bin b holds confidences in (b/B, (b+1)/B], as in Guo et al.'s code; a confidence of exactly 0
 * goes to the first bin.
 */
public final class ReliabilityBins {
    /** 15 bins, the usual choice since Guo et al. */
    public static final int DEFAULT_BINS = 15;

    private final long[] counts;
    private final long[] correct;
    private final double[] confidenceSums;
    private final long total;

    private ReliabilityBins(long[] counts, long[] correct, double[] confidenceSums) {
        this.counts = counts;
        this.correct = correct;
        this.confidenceSums = confidenceSums;
        long t = 0;
        for (long c : counts) t += c;
        this.total = t;
    }

    /**
     * @param confidence per answer the probability given to the predicted class, 0..1
     * @param right      per answer whether the predicted class was the true one
     */
    public static ReliabilityBins of(double[] confidence, boolean[] right, int bins) {
        if (confidence.length != right.length) {
            throw new IllegalArgumentException(confidence.length + " confidences but " + right.length + " outcomes");
        }
        if (bins < 1) throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        long[] n = new long[bins], ok = new long[bins];
        double[] sum = new double[bins];
        for (int i = 0; i < confidence.length; i++) {
            int b = bin(confidence[i], bins);
            n[b]++;
            if (right[i]) ok[b]++;
            sum[b] += confidence[i];
        }
        return new ReliabilityBins(n, ok, sum);
    }

    static int bin(double confidence, int bins) {
        int b = (int) Math.ceil(confidence * bins) - 1;
        return Math.max(0, Math.min(bins - 1, b));
    }

    public int bins() {
        return counts.length;
    }

    public long total() {
        return total;
    }

    public long count(int bin) {
        return counts[bin];
    }

    /** Share of right answers in a bin; NaN when the bin is empty. */
    public double accuracy(int bin) {
        return counts[bin] == 0 ? Double.NaN : correct[bin] / (double) counts[bin];
    }

    /** Mean confidence in a bin; NaN when the bin is empty. */
    public double confidence(int bin) {
        return counts[bin] == 0 ? Double.NaN : confidenceSums[bin] / counts[bin];
    }

    /** Lower edge of a bin (its upper edge is the next bin's lower edge, or 1). */
    public double lowerEdge(int bin) {
        return bin / (double) counts.length;
    }

    /** Expected calibration error: sum over bins of (share of answers) x |accuracy - mean confidence|; 0 when empty. */
    public double ece() {
        if (total == 0) return 0;
        double e = 0;
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] > 0) e += counts[b] / (double) total * Math.abs(accuracy(b) - confidence(b));
        }
        return e;
    }
}
