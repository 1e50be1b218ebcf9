package org.vigil.train;

/** What a resumed run needs besides the network: where it was and what it had learned about itself. */
public record RunState(int epochsDone, double bestValAccuracy, int bestEpoch, double learningRate,
                       int epochsSinceBest, int epochsSinceLrChange, boolean stoppedEarly, String architecture,
                       int classes) {
    static RunState fresh(TrainingOptions o) {
        return new RunState(0, -1, 0, o.learningRate(), 0, 0, false, o.architecture().id(), o.classes());
    }
}
