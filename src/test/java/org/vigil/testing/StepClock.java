package org.vigil.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A wall clock a test moves by hand: forward, or back (a clock step), in UTC. */
public final class StepClock extends Clock {
    private volatile Instant now;

    public StepClock(Instant start) {
        now = start;
    }

    public void step(Duration d) {
        now = now.plus(d);
    }

    /** Sets the clock to {@code t} (forward or back). */
    public StepClock set(Instant t) {
        now = t;
        return this;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
