package org.vigil.eval;

import java.util.List;
import org.vigil.classify.EmotionLabels;
import org.vigil.classify.EmotionModel;
import org.vigil.data.ImageSet;

/**
 * Runs a model over a labelled image set. The image set's labels may be a subset of the model's
 * (a 7-class model judged on the 4-class scheme): then the prediction is the most probable of the
 * image set's classes, so both kinds of model answer the same question, and its probabilities are
 * renormalised over those classes (for NLL and calibration).
 */
public final class Evaluator {
    private static final int BATCH = 128;

    private Evaluator() {}

    public static ConfusionMatrix evaluate(EmotionModel model, ImageSet data) {
        return assess(model, data).confusion();
    }

    /** Confusion matrix and the answers behind it (for NLL, ECE and temperature fitting). */
    public static Evaluation assess(EmotionModel model, ImageSet data) {
        List<String> dataLabels = data.classNames();
        List<String> modelLabels = model.labels();
        int[] modelIndexOf = new int[dataLabels.size()];
        for (int c = 0; c < dataLabels.size(); c++) {
            modelIndexOf[c] = indexOf(modelLabels, dataLabels.get(c));
            if (modelIndexOf[c] < 0) {
                throw new IllegalArgumentException("model " + model.metadata().name() + " has no class for '"
                        + dataLabels.get(c) + "' (its labels: " + modelLabels + ")");
            }
        }
        if (data.height() != model.metadata().inputHeight() || data.width() != model.metadata().inputWidth()) {
            throw new IllegalArgumentException("images are " + data.height() + "x" + data.width() + " but model "
                    + model.metadata().name() + " expects " + model.metadata().inputHeight() + "x" + model.metadata().inputWidth());
        }
        ConfusionMatrix cm = new ConfusionMatrix(dataLabels);
        double[][] probabilities = new double[data.size()][];
        float[][] p = data.answers(model, BATCH);
        for (int i = 0; i < data.size(); i++) {
            float[] row = p[i];
            int best = 0;
            for (int c = 1; c < dataLabels.size(); c++) if (row[modelIndexOf[c]] > row[modelIndexOf[best]]) best = c;
            cm.add(data.labels()[i], best);
            probabilities[i] = restricted(row, modelIndexOf);
        }
        double[] modelShift = model.metadata().priorShiftVector();
        double[] shift = new double[dataLabels.size()];
        for (int c = 0; c < shift.length; c++) shift[c] = modelShift[modelIndexOf[c]];
        ModelAnswers answers = ModelAnswers.of(probabilities, data.labels(), model.metadata().temperature(), shift);
        return new Evaluation(cm, answers, model.metadata().temperature());
    }

    /** The probabilities of the data's classes, renormalised to sum to 1 (a no-op when the label sets agree). */
    private static double[] restricted(float[] row, int[] modelIndexOf) {
        double[] q = new double[modelIndexOf.length];
        double sum = 0;
        for (int c = 0; c < q.length; c++) sum += q[c] = row[modelIndexOf[c]];
        for (int c = 0; c < q.length; c++) q[c] = sum > 0 ? q[c] / sum : 1.0 / q.length;
        return q;
    }

    /** A model's label for a data class; the 4-class 'relaxed' is FER-2013's 'neutral'. */
    static int indexOf(List<String> modelLabels, String dataLabel) {
        int i = modelLabels.indexOf(dataLabel);
        if (i >= 0) return i;
        if (dataLabel.equals("relaxed")) return modelLabels.indexOf("neutral");
        if (dataLabel.equals("neutral")) return modelLabels.indexOf("relaxed");
        return -1;
    }

    /** Labels a data set should be loaded with to judge a model on a given scheme. */
    public static List<String> schemeLabels(int classes) {
        return EmotionLabels.forClassCount(classes);
    }
}
