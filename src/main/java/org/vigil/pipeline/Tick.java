package org.vigil.pipeline;

import org.vigil.capture.SourceState;
import org.vigil.detect.FaceBox;
import org.vigil.rules.Assessability;

/**
 * One moment of one bed handed from its threads to the decision thread: a classification moment
 * ({@link Face}) or a change of its source ({@link Source}); the decision thread keeps their order.
 */
sealed interface Tick permits Tick.Face, Tick.Source {
    String bed();

    /** Stream seconds. */
    double t();

    /**
     * A classification moment: the patient's crop when the face is usable, otherwise why not.
     *
     * @param crop          grey crop at the model's input size, null unless assessability is OK
     * @param grabbedNanos  when the frame was decoded (System.nanoTime), for frame-to-decision latency
     */
    record Face(String bed, double t, long grabbedNanos, Assessability assessability, byte[] crop, FaceBox patient)
            implements Tick {}

    /** @param detail the technical message shown with the state */
    record Source(String bed, double t, SourceState state, String detail) implements Tick {}
}
