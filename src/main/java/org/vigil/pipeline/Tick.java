package org.vigil.pipeline;

import org.vigil.detect.FaceBox;
import org.vigil.rules.Assessability;

/**
 * One classification moment of one bed, handed from the bed's processing thread to the decision
 * thread: the patient's crop when the face is usable, otherwise the reason it is not.
 *
 * @param crop          grey crop at the model's input size, null unless assessability is OK
 * @param grabbedNanos  when the frame was decoded (System.nanoTime), for frame-to-decision latency
 * @param sourceDetail  for source-state ticks: the technical message, else null
 */
record Tick(String bed, double t, long grabbedNanos, Assessability assessability, byte[] crop, FaceBox patient,
            String sourceState, String sourceDetail) {
    static Tick face(String bed, double t, long grabbedNanos, Assessability a, byte[] crop, FaceBox patient) {
        return new Tick(bed, t, grabbedNanos, a, crop, patient, null, null);
    }

    static Tick source(String bed, double t, String state, String detail) {
        return new Tick(bed, t, System.nanoTime(), null, null, null, state, detail);
    }

    boolean isSource() {
        return sourceState != null;
    }
}
