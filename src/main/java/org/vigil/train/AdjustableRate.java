package org.vigil.train;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * A learning rate the trainer can lower on a plateau while the updater keeps its state.
 * clone() returns this on purpose: SameDiff copies the schedule into its updaters, and they must
 * keep seeing the trainer's changes.
 */
public class AdjustableRate implements ISchedule {
    private volatile double value;

    public AdjustableRate() {}

    public AdjustableRate(double value) {
        this.value = value;
    }

    public double getValue() {
        return value;
    }

    public void setValue(double value) {
        this.value = value;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return value;
    }

    @Override
    public ISchedule clone() {
        return this;
    }
}
