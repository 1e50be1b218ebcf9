package org.vigil.pipeline;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertTransition;
import org.vigil.classify.EmotionLabels;
import org.vigil.detect.FaceBox;
import org.vigil.rules.Assessability;
import org.vigil.rules.Observation;

/**
 * Per-bed decision state, owned by the decision thread: smooths the patient's emotions, decides
 * whether they can be assessed, and derives the bed state from the smoothed scores and the alerts
 * the rule engine raised.
 */
final class BedDecider {
    private final String bed;
    private final DecisionSettings config;
    private final EmotionSmoother smoother;
    private final Set<String> activeDistress = new HashSet<>();
    private double lastOkT = Double.NEGATIVE_INFINITY;
    private double lastT = Double.NaN;
    /** EMA of "this tick had a usable face": the confidence reported with each observation. */
    private double usable;
    private boolean offline;
    private BedState state;
    private double stateSince;
    private Assessability lastAssessability = Assessability.NO_FACE;
    private FaceBox lastPatient;

    BedDecider(String bed, List<String> labels, DecisionSettings config) {
        this.bed = bed;
        this.config = config;
        this.smoother = new EmotionSmoother(labels, config.smoothingS());
    }

    /** @param probs the model's scores for this tick's crop, null when there was no usable crop */
    Observation observe(Tick.Face tick, float[] probs) {
        double t = tick.t();
        double dt = Double.isNaN(lastT) ? 0 : Math.max(0, t - lastT);
        lastT = t;
        offline = false;
        lastPatient = tick.patient();
        Assessability a = tick.assessability();
        if (a == Assessability.OK && probs == null) a = Assessability.LOW_CONFIDENCE; // model failed on it
        if (a == Assessability.OK) {
            smoother.add(t, probs);
            lastOkT = t;
        }
        double alpha = config.smoothingS() <= 0 ? 1 : 1 - Math.exp(-Math.max(dt, 1e-3) / config.smoothingS());
        usable += alpha * ((a == Assessability.OK ? 1 : 0) - usable);
        if (a != Assessability.OK && smoother.hasEstimate() && t - lastOkT <= config.graceS()) {
            // A face lost for a moment (hand over face, a nod) keeps the last estimate.
            a = Assessability.OK;
        } else if (a != Assessability.OK && t - lastOkT > 10 * config.smoothingS()) {
            smoother.reset(); // long absence: the next face starts a fresh estimate
        }
        if (a == Assessability.OK && smoother.top() < config.minTopScore()) a = Assessability.LOW_CONFIDENCE;
        lastAssessability = a;
        Map<String, Double> emotions = a == Assessability.OK ? smoother.scores() : Map.of();
        return new Observation(bed, t, a, emotions, Math.round(usable * 1000) / 1000.0);
    }

    Observation offline(double t) {
        offline = true;
        lastAssessability = Assessability.CAMERA_OFFLINE;
        lastPatient = null;
        return new Observation(bed, t, Assessability.CAMERA_OFFLINE, Map.of(), 0);
    }

    void sourceRunning() {
        offline = false;
    }

    void applyAlerts(List<AlertEvent> events) {
        for (AlertEvent e : events) {
            if (e.technical()) continue;
            if (e.transition() == AlertTransition.RESOLVED) {
                activeDistress.remove(e.alertId());
            } else {
                activeDistress.add(e.alertId());
            }
        }
    }

    BedStatus status(Observation o, double fps) {
        BedState s;
        if (offline) {
            s = BedState.CAMERA_OFFLINE;
        } else if (!activeDistress.isEmpty()) {
            s = BedState.ALERT; // an open alert stays visible even if the face is lost
        } else if (!o.assessability().assessable()) {
            s = BedState.CANNOT_ASSESS;
        } else if (smoother.sum(EmotionLabels.DISTRESS) >= config.buildingLevel()) {
            s = BedState.DISTRESS_BUILDING;
        } else {
            s = BedState.CALM;
        }
        if (s != state) {
            state = s;
            stateSince = o.t();
        }
        return new BedStatus(bed, o.t(), s, o.assessability(), o.emotions(), o.confidence(), stateSince,
                offline ? null : lastPatient, fps);
    }

    Assessability lastAssessability() {
        return lastAssessability;
    }
}
