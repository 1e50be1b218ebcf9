package org.vigil.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts of (true class, predicted class), with the per-class metrics derived from them. */
public final class ConfusionMatrix {
    private final List<String> labels;
    private final long[][] counts;

    public ConfusionMatrix(List<String> labels) {
        this.labels = List.copyOf(labels);
        this.counts = new long[labels.size()][labels.size()];
    }

    public void add(int actual, int predicted) {
        counts[actual][predicted]++;
    }

    public List<String> labels() {
        return labels;
    }

    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    public long total() {
        long t = 0;
        for (long[] row : counts) for (long c : row) t += c;
        return t;
    }

    public double accuracy() {
        long ok = 0;
        for (int i = 0; i < counts.length; i++) ok += counts[i][i];
        return total() == 0 ? 0 : ok / (double) total();
    }

    public long support(int c) {
        long s = 0;
        for (long v : counts[c]) s += v;
        return s;
    }

    public double precision(int c) {
        long predicted = 0;
        for (long[] row : counts) predicted += row[c];
        return predicted == 0 ? 0 : counts[c][c] / (double) predicted;
    }

    public double recall(int c) {
        long s = support(c);
        return s == 0 ? 0 : counts[c][c] / (double) s;
    }

    public double f1(int c) {
        double p = precision(c), r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double macroF1() {
        double s = 0;
        for (int c = 0; c < labels.size(); c++) s += f1(c);
        return s / labels.size();
    }

    /** Row-normalised shares (each true class sums to 1). */
    public double[][] normalised() {
        double[][] n = new double[counts.length][counts.length];
        for (int i = 0; i < counts.length; i++) {
            long s = support(i);
            for (int j = 0; j < counts.length; j++) n[i][j] = s == 0 ? 0 : counts[i][j] / (double) s;
        }
        return n;
    }

    /**
     * Share of calm faces (true class happy, neutral or relaxed) that were predicted as distress
     * (angry or sad): on a ward these become false alerts. NaN when there are no calm faces.
     */
    public double calmAsDistress() {
        long calm = 0, wrong = 0;
        for (int i = 0; i < labels.size(); i++) {
            if (!org.vigil.classify.EmotionLabels.CALM.contains(labels.get(i))) continue;
            calm += support(i);
            for (int j = 0; j < labels.size(); j++) {
                if (org.vigil.classify.EmotionLabels.DISTRESS.contains(labels.get(j))) wrong += counts[i][j];
            }
        }
        return calm == 0 ? Double.NaN : wrong / (double) calm;
    }

    public Map<String, Map<String, Object>> perClass() {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("precision", round(precision(c)));
            row.put("recall", round(recall(c)));
            row.put("f1", round(f1(c)));
            row.put("support", support(c));
            m.put(labels.get(c), row);
        }
        return m;
    }

    /** Four decimals for reports; NaN (e.g. no calm images) stays NaN. */
    public static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 10000) / 10000.0;
    }

    /** A text report in the layout of scikit-learn's classification_report, then the matrix. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-10s %9s %9s %9s %9s%n", "", "precision", "recall", "f1-score", "support"));
        for (int c = 0; c < labels.size(); c++) {
            sb.append(String.format("%-10s %9.3f %9.3f %9.3f %9d%n", labels.get(c), precision(c), recall(c), f1(c), support(c)));
        }
        sb.append(String.format("%n%-10s %9s %9s %9.3f %9d%n", "accuracy", "", "", accuracy(), total()));
        sb.append(String.format("%-10s %9s %9s %9.3f %9d%n", "macro F1", "", "", macroF1(), total()));
        sb.append(String.format("%n%-10s", "true\\pred"));
        for (String l : labels) sb.append(String.format(" %8.8s", l));
        sb.append('\n');
        for (int i = 0; i < labels.size(); i++) {
            sb.append(String.format("%-10s", labels.get(i)));
            for (int j = 0; j < labels.size(); j++) sb.append(String.format(" %8d", counts[i][j]));
            sb.append('\n');
        }
        return sb.toString();
    }
}
