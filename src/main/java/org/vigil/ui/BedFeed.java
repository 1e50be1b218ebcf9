package org.vigil.ui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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

    private final String bed;
    private final AtomicReference<BedStatus> status = new AtomicReference<>();
    private final AtomicReference<TimedFrame> frame = new AtomicReference<>();
    private final AtomicReference<org.vigil.capture.SourceState> sourceState = new AtomicReference<>(org.vigil.capture.SourceState.CONNECTING);
    private final AtomicReference<String> sourceDetail = new AtomicReference<>("");
    private final ArrayDeque<HistoryPoint> history = new ArrayDeque<>();
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
            HistoryPoint last = history.peekLast();
            if (last != null && s.t() < last.t()) history.clear(); // the stream restarted (file looped)
            if (last == null || s.t() - last.t() >= HISTORY_STEP || last.state() != s.state() || s.t() < last.t()) {
                history.addLast(new HistoryPoint(s.t(), s.state(), s.emotions()));
            }
            while (!history.isEmpty() && history.peekFirst().t() < s.t() - HISTORY_SECONDS) history.removeFirst();
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
    public List<HistoryPoint> history(double fromT) {
        synchronized (history) {
            List<HistoryPoint> out = new ArrayList<>();
            for (HistoryPoint p : history) if (p.t() >= fromT) out.add(p);
            return out;
        }
    }
}
