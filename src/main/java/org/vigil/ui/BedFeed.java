package org.vigil.ui;

import java.util.concurrent.atomic.AtomicReference;
import org.vigil.pipeline.BedStatus;

/**
 * Everything live about one bed, written by pipeline threads and read by the EDT. Latest value wins:
 * a slow screen never makes the pipeline wait, it just skips intermediate frames.
 */
public final class BedFeed {
    /** Keep an hour of history: the detail chart shows up to 60 minutes. */
    static final double HISTORY_SECONDS = 3600;
    /** At most one history sample per this many stream seconds (statuses may come at frame rate). */
    static final double HISTORY_STEP = 0.5;
    /** Room for an hour of samples plus state changes between them; beyond that the oldest go first. */
    static final int HISTORY_CAPACITY = (int) (HISTORY_SECONDS / HISTORY_STEP) * 5 / 4;

    private final String bed;
    private final AtomicReference<BedStatus> status = new AtomicReference<>();
    private final AtomicReference<TimedFrame> frame = new AtomicReference<>();
    private final AtomicReference<org.vigil.capture.SourceState> sourceState = new AtomicReference<>(org.vigil.capture.SourceState.CONNECTING);
    private final AtomicReference<String> sourceDetail = new AtomicReference<>("");
    private final HistoryRing history = new HistoryRing(HISTORY_CAPACITY);
    private volatile String room = "";

    BedFeed(String bed) {
        this.bed = bed;
    }

    public String bed() {
        return bed;
    }

    /** The room (on a nurse station: the edge box) the bed is in; empty when not known. */
    public String room() {
        return room;
    }

    void room(String r) {
        room = r == null ? "" : r;
    }

    void status(BedStatus s) {
        status.set(s);
        synchronized (history) {
            if (!history.isEmpty() && s.t() < history.lastT()) history.clear(); // the stream restarted
            if (history.isEmpty() || s.t() - history.lastT() >= HISTORY_STEP || history.lastState() != s.state()) {
                history.add(s.t(), s.state(), s.emotions());
            }
            history.dropBefore(s.t() - HISTORY_SECONDS);
        }
    }

    void frame(TimedFrame f) {
        frame.set(f);
    }

    void source(org.vigil.capture.SourceState state, String detail) {
        sourceState.set(state);
        sourceDetail.set(detail == null ? "" : detail);
    }

    public BedStatus status() {
        return status.get();
    }

    public TimedFrame frame() {
        return frame.get();
    }

    public org.vigil.capture.SourceState sourceState() {
        return sourceState.get();
    }

    public String sourceDetail() {
        return sourceDetail.get();
    }

    /** History from {@code fromT} (stream seconds) on, oldest first. */
    public HistorySlice history(double fromT) {
        synchronized (history) {
            return history.slice(fromT);
        }
    }
}
