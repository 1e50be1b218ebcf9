package org.vigil.train;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything that defines a training run; written into the run's state so a resume uses the same.
 *
 * @param teachers      models whose mirror-averaged answers the targets are blended with (distillation); empty for none
 * @param teacherWeight the teachers' share of each target, 0..1
 * @param averageFrom   from this epoch on the model is made from the running mean of the weights at the end of
 *                      each epoch (stochastic weight averaging); 0 = off, each epoch's own weights
 */
public record TrainingOptions(
        Path data,
        int classes,
        Architecture architecture,
        int epochs,
        int batchSize,
        double learningRate,
        double weightDecay,
        double dropout,
        double validationShare,
        int earlyStopPatience,
        int lrPatience,
        double lrFactor,
        double minLearningRate,
        ClassWeighting classWeighting,
        boolean augment,
        long seed,
        int limitPerClass,
        int imageSize,
        Path modelOut,
        Path workDir,
        int annealFrom,
        Path initFrom,
        Path validationData,
        Targets targets,
        List<Path> teachers,
        double teacherWeight,
        int averageFrom) {

    public TrainingOptions {
        teachers = teachers == null ? List.of() : List.copyOf(teachers);
        if (averageFrom < 0) throw new IllegalArgumentException("--average-from must be 0 (off) or an epoch, not " + averageFrom);
    }

    /** Whether the model of this epoch is made from the weight average. */
    public boolean averaging(int epoch) {
        return averageFrom > 0 && epoch >= averageFrom;
    }

    /** How many epochs' weights the average holds after {@code epochsDone} epochs. */
    public int averagedEpochs(int epochsDone) {
        return averageFrom > 0 ? Math.max(0, epochsDone - averageFrom + 1) : 0;
    }

    /**
     * From epoch {@code annealFrom} on (0 = never) the learning rate follows a cosine from
     * {@code learningRate} down to {@code minLearningRate} at the last epoch, and plateau reduction
     * stops. It is a function of the epoch alone, so a resumed run continues the same curve.
     */
    public double annealedRate(int epoch) {
        int span = epochs - annealFrom + 1;
        double t = Math.min(1.0, Math.max(0.0, (epoch - annealFrom) / (double) span));
        return minLearningRate + (learningRate - minLearningRate) * 0.5 * (1 + Math.cos(Math.PI * t));
    }

    public boolean annealing(int epoch) {
        return annealFrom > 0 && epoch >= annealFrom;
    }

    public enum ClassWeighting { NONE, SQRT, BALANCED }

    /**
     * What the loss is measured against: the data's label distribution (FER+ crowd votes; falls back
     * to the one-hot label for data without votes) or the single majority label.
     */
    public enum Targets { DISTRIBUTION, MAJORITY }
}
