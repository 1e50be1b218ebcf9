package org.vigil.rules;

import java.util.ArrayDeque;

/**
 * One rule's state machine for one bed, on stream time. IDLE -> BUILDING when the score reaches
 * {@code start}; BUILDING -> ACTIVE when the condition has held {@code persist} seconds (or
 * {@code persist} out of the last {@code within}); ACTIVE -> IDLE when the score stays below
 * {@code end} for {@code clear_after} seconds. Once started, the condition stays on while the
 * score is at or above {@code end} (hysteresis).
 *
 * <p>"Cannot assess" observations never count toward persistence and never start or confirm an
 * episode. A building episode is paused (not reset) through gaps up to {@code grace} seconds,
 * then reset; an active one stays active (the open alert is not resolved on missing data — only
 * positive evidence of calm ends it).
 */
final class Episode {
    enum Phase { IDLE, BUILDING, ACTIVE }

    enum Signal { NONE, CONFIRMED, CLEARED }

    private Phase phase = Phase.IDLE;
    private double held;   // seconds the condition has held (continuous mode)
    private double below;  // seconds continuously below end (or below start while building)
    private double gap;    // seconds continuously not assessable
    private double lastScore;
    /** Within-mode history: (end time, duration, on) of recent intervals, for "persist out of within". */
    private final ArrayDeque<double[]> window = new ArrayDeque<>();
    private double windowOn;
    /** Whether the engine raised (or attached to) an alert for the current active episode. */
    boolean alerted;

    Phase phase() {
        return phase;
    }

    double held() {
        return held;
    }

    double lastScore() {
        return lastScore;
    }

    void reset() {
        phase = Phase.IDLE;
        held = below = 0;
        window.clear();
        windowOn = 0;
        alerted = false;
    }

    /** Not assessable for {@code dt} seconds. */
    Signal gap(DistressRuleConfig r, double t, double dt) {
        gap += dt;
        if (phase == Phase.BUILDING) {
            if (r.within() > 0) push(r, t, dt, false);
            if (gap > r.grace()) {
                phase = Phase.IDLE;
                held = below = 0;
                window.clear();
                windowOn = 0;
            }
        }
        return Signal.NONE;
    }

    /** An assessable score for the {@code dt} seconds ending at {@code t}. */
    Signal observe(DistressRuleConfig r, double t, double dt, double score) {
        gap = 0;
        lastScore = score;
        switch (phase) {
            case IDLE -> {
                if (score >= r.start()) {
                    phase = Phase.BUILDING;
                    held = 0;
                    below = 0;
                    window.clear();
                    windowOn = 0;
                    // The first observation above start opens the episode; time counts from here.
                    if (r.within() > 0) push(r, t, 0, true);
                    if (r.persist() <= 0) return confirm();
                }
                return Signal.NONE;
            }
            case BUILDING -> {
                boolean on = score >= r.end();
                if (r.within() > 0) {
                    push(r, t, dt, on);
                    if (!on) {
                        below += dt;
                        if (windowOn <= 0 || below >= r.within()) reset();
                        return Signal.NONE;
                    }
                    below = 0;
                    held = windowOn;
                    return windowOn >= r.persist() - 1e-9 ? confirm() : Signal.NONE;
                }
                if (on) {
                    below = 0;
                    held += dt;
                    return held >= r.persist() - 1e-9 ? confirm() : Signal.NONE;
                }
                below += dt;
                if (below >= r.clearAfter()) {
                    phase = Phase.IDLE;
                    held = below = 0;
                }
                return Signal.NONE;
            }
            case ACTIVE -> {
                if (score >= r.end()) {
                    below = 0;
                    return Signal.NONE;
                }
                below += dt;
                if (below >= r.clearAfter()) {
                    reset();
                    return Signal.CLEARED;
                }
                return Signal.NONE;
            }
            default -> throw new IllegalStateException();
        }
    }

    private Signal confirm() {
        phase = Phase.ACTIVE;
        below = 0;
        return Signal.CONFIRMED;
    }

    private void push(DistressRuleConfig r, double t, double dt, boolean on) {
        window.addLast(new double[] {t, dt, on ? 1 : 0});
        if (on) windowOn += dt;
        while (!window.isEmpty() && window.peekFirst()[0] <= t - r.within()) {
            double[] old = window.removeFirst();
            if (old[2] > 0) windowOn -= old[1];
        }
        if (windowOn < 1e-9) windowOn = 0;
    }
}
