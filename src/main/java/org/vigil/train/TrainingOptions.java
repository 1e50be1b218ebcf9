package org.vigil.train;

import java.nio.file.Path;

/** Everything that defines a training run; written into the run's state so a resume uses the same. */
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
        Path workDir) {

    public enum ClassWeighting { NONE, SQRT, BALANCED }
}
