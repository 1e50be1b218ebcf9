package org.vigil.track;

import java.util.List;
import org.vigil.detect.FaceBox;

/**
 * Decides which tracked face is the patient: a face seen steadily (for {@code steadyS} seconds)
 * whose centre is in the bed region when one is configured, the largest such face otherwise.
 * Once chosen, the patient keeps the role while visible, so staff leaning in do not take it over;
 * a newcomer only wins when it is much larger and the patient is gone.
 */
public final class PatientSelector {
    private final BedRegion region;
    private final double steadyS;
    private int patientId = -1;

    /** @param region may be null: then the largest steady face anywhere in the frame */
    public PatientSelector(BedRegion region, double steadyS) {
        this.region = region;
        this.steadyS = steadyS;
    }

    /** The patient's box in this frame, or null when the patient is not visible now. */
    public FaceBox select(FaceTracker tracker, double t, int frameWidth, int frameHeight) {
        List<Track> tracks = tracker.tracks();
        Track current = tracker.get(patientId);
        if (current != null && current.seenNow() && inRegion(current.box(), frameWidth, frameHeight)) {
            return current.box();
        }
        Track best = null;
        for (Track tr : tracks) {
            if (!tr.seenNow() || tr.age(t) < steadyS || !inRegion(tr.box(), frameWidth, frameHeight)) continue;
            if (best == null || tr.meanArea() > best.meanArea()) best = tr;
        }
        if (best == null) return null;
        patientId = best.id();
        return best.box();
    }

    public int patientId() {
        return patientId;
    }

    private boolean inRegion(FaceBox b, int w, int h) {
        return region == null || region.contains(b.centreX(), b.centreY(), w, h);
    }
}
