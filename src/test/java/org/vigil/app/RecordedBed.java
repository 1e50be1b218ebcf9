package org.vigil.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertTransition;
import org.vigil.alerts.FalseAlarmReason;
import org.vigil.alerts.Outcome;
import org.vigil.rules.Assessability;
import org.vigil.rules.Observation;
import org.vigil.testing.StepClock;

/**
 * Plays one bed into a running {@link AlertSystem} at 5 observations a second, moving the wall clock along with
 * stream time (so the scores are recorded as a live ward's would be), keeps the distress alerts raised and
 * answers them as a nurse does.
 */
final class RecordedBed {
    final List<AlertEvent> raised = new ArrayList<>();
    private final AlertSystem sys;
    private final StepClock clock;
    private final String bed;
    private final double calm;
    private final DoubleFunction<Map<String, Double>> emotions;
    private double t;

    /**
     * @param calm     the distress level of {@link #calm(double)}
     * @param emotions the model's scores for a distress level (angry + sad)
     */
    RecordedBed(AlertSystem sys, StepClock clock, String bed, double t0, double calm, DoubleFunction<Map<String, Double>> emotions) {
        this.sys = sys;
        this.clock = clock;
        this.bed = bed;
        this.t = t0;
        this.calm = calm;
        this.emotions = emotions;
    }

    RecordedBed distress(double seconds, double p) {
        for (double end = t + seconds; t < end - 1e-9; ) {
            t += 0.2;
            clock.step(Duration.ofMillis(200));
            for (AlertEvent e : sys.engine().observe(new Observation(bed, t, Assessability.OK, emotions.apply(p), 1))) {
                if (e.kind() == AlertKind.DISTRESS && e.transition() == AlertTransition.RAISED) raised.add(e);
            }
        }
        return this;
    }

    RecordedBed calm(double seconds) {
        return distress(seconds, calm);
    }

    /** The nurse's answer for the last alert raised (it has ended by then: the episode is over). */
    RecordedBed answer(Outcome o) {
        AlertEvent e = raised.get(raised.size() - 1);
        sys.alerts().resolve(e.alertId(), "Nurse Kim", o, o == Outcome.FALSE_ALARM ? FalseAlarmReason.RESTING_FACE : null);
        return this;
    }
}
