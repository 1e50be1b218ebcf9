package org.vigil.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.vigil.alerts.AlertEvent;
import org.vigil.pipeline.BedStatus;
import org.vigil.pipeline.FrameSnapshot;
import org.vigil.pipeline.PipelineListener;

/**
 * The dashboard's side of the pipeline event API. Pipeline threads call the listener methods; they
 * only store the latest value and return. The EDT reads on its own repaint timer.
 */
public final class DashboardModel implements PipelineListener {
    private final Map<String, BedFeed> beds = new LinkedHashMap<>();
    private final CopyOnWriteArrayList<Runnable> bedsChanged = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<AlertEvent> pendingAlerts = new ConcurrentLinkedQueue<>();
    private final AtomicLong changes = new AtomicLong();
    private final CopyOnWriteArrayList<PipelineListener> alertTaps = new CopyOnWriteArrayList<>();
    private final AtomicReference<PrivacyMode> privacy = new AtomicReference<>(PrivacyMode.OFF);
    private volatile String noVideo;
    private volatile String linkProblem;

    /** Declare a bed up front (from the ward file or --bed) so its tile shows before the first event. */
    public BedFeed bed(String name) {
        BedFeed feed;
        boolean added = false;
        synchronized (beds) {
            feed = beds.get(name);
            if (feed == null) {
                feed = new BedFeed(name);
                beds.put(name, feed);
                added = true;
            }
        }
        if (added) {
            changes.incrementAndGet();
            bedsChanged.forEach(Runnable::run);
        }
        return feed;
    }

    /** Says which room a bed is in (the ward view filters by it). Any thread. */
    public void setRoom(String bed, String room) {
        BedFeed feed = bed(bed);
        if (!room.equals(feed.room())) {
            feed.room(room);
            changes.incrementAndGet();
        }
    }

    public List<BedFeed> beds() {
        synchronized (beds) {
            return new ArrayList<>(beds.values());
        }
    }

    public void onBedsChanged(Runnable r) {
        bedsChanged.add(r);
    }

    /**
     * Beds that never have video on this screen (a nurse station over the ward link): what their tiles
     * say instead of "waiting for video", and no source picker is offered. Null: local sources (default).
     */
    public void setNoVideo(String text) {
        noVideo = text;
        changes.incrementAndGet();
    }

    public String noVideo() {
        return noVideo;
    }

    /** Why the beds cannot be trusted as a whole now (a nurse station's lost ward link), or null: the banner says it. */
    public void setLinkProblem(String text) {
        linkProblem = text;
        changes.incrementAndGet();
    }

    public String linkProblem() {
        return linkProblem;
    }

    public PrivacyMode privacy() {
        return privacy.get();
    }

    public void setPrivacy(PrivacyMode mode) {
        privacy.set(mode);
        changes.incrementAndGet();
    }

    /** A counter that moves whenever anything arrived: the EDT skips repaints when it did not. */
    public long changes() {
        return changes.get();
    }

    /** Alert events that arrived since the last call, in arrival order. EDT only. */
    public List<AlertEvent> drainAlerts() {
        List<AlertEvent> out = new ArrayList<>();
        for (AlertEvent e; (e = pendingAlerts.poll()) != null; ) out.add(e);
        return out;
    }

    @Override
    public void onStatus(BedStatus status) {
        bed(status.bed()).status(status);
        changes.incrementAndGet();
    }

    /** Also pass alert events to {@code l} (on the calling thread), e.g. the local acknowledge handler. */
    public void addAlertTap(PipelineListener l) {
        alertTaps.add(l);
    }

    @Override
    public void onAlert(AlertEvent event) {
        for (PipelineListener l : alertTaps) l.onAlert(event);
        bed(event.bed());
        pendingAlerts.add(event);
        changes.incrementAndGet();
    }

    @Override
    public void onFrame(FrameSnapshot frame) {
        long received = System.nanoTime();
        // The privacy filter runs here, on the pipeline thread: the EDT only paints what is already safe.
        PrivacyMode mode = privacy.get();
        bed(frame.bed()).frame(new TimedFrame(frame, PrivacyFilter.apply(frame.image(), frame.faces(), mode), mode,
                received));
        changes.incrementAndGet();
    }

    @Override
    public void onSourceState(String bed, org.vigil.capture.SourceState state, String detail) {
        bed(bed).source(state, detail);
        changes.incrementAndGet();
    }
}
