package org.vigil.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.function.Consumer;
import javax.swing.JComponent;
import javax.swing.UIManager;
import org.vigil.alerts.AlertKind;
import org.vigil.base.Defaults;
import org.vigil.pipeline.BedState;
import org.vigil.pipeline.BedStatus;

/** One bed on the ward view: name, state in colour, how long, live thumbnail, recent timeline. */
public final class BedTile extends JComponent {
    /** The timeline under the tile covers this many stream seconds. */
    static final double TIMELINE_SECONDS = 300;
    static final int HEADER = 34;
    static final int TIMELINE = 12;

    private final BedFeed feed;
    private final DashboardModel model;
    private volatile AlertQueue.Entry alert;
    /** nanoTime at which the frame now on screen reached the dashboard; 0 before any. For the benchmark. */
    private volatile long paintedFrameReceived;

    public BedTile(BedFeed feed, DashboardModel model, Consumer<String> open) {
        this.feed = feed;
        this.model = model;
        setName("tile:" + feed.bed());
        setPreferredSize(new Dimension(320, 240));
        setMinimumSize(new Dimension(160, 130));
        setToolTipText(Defaults.bedLabel(feed.bed()) + " — click for detail");
        addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                open.accept(feed.bed());
            }
        });
    }

    public String bed() {
        return feed.bed();
    }

    void setAlert(AlertQueue.Entry entry) {
        this.alert = entry;
    }

    /** Whether any alert of this bed is open (acknowledged or not, technical or not). */
    boolean hasAlert() {
        return alert != null;
    }

    /** The state the tile shows: an open unacknowledged alert outranks a calmer status. */
    public BedState shownState() {
        BedStatus s = feed.status();
        if (isOffline()) return BedState.CAMERA_OFFLINE;
        BedState st = s == null ? null : s.state();
        if (alert != null && !alert.acknowledged() && !alert.kind().technical()) return BedState.ALERT;
        return st;
    }

    private boolean isOffline() {
        return feed.sourceState() == org.vigil.capture.SourceState.OFFLINE;
    }

    long paintedFrameReceived() {
        return paintedFrameReceived;
    }

    /** Where the state band is, for tests that check the tile's colour on a screenshot. */
    public Rectangle headerBounds() {
        return new Rectangle(0, 0, getWidth(), HEADER);
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int w = getWidth(), h = getHeight();
            BedStatus status = feed.status();
            BedState state = shownState();
            Color band = StateStyle.colour(state);
            Color bg = UIManager.getColor("Panel.background");
            g.setColor(bg == null ? Color.DARK_GRAY : bg);
            g.fillRect(0, 0, w, h);

            // Header: bed name left, state + duration right, on the state colour.
            g.setColor(band);
            g.fillRect(0, 0, w, HEADER);
            g.setColor(StateStyle.onColour(state));
            Font base = getFont() != null ? getFont() : g.getFont();
            g.setFont(base.deriveFont(Font.BOLD, 15f));
            g.drawString(Defaults.bedLabel(feed.bed()), 10, 23);
            String right = StateStyle.label(state);
            if (model.noVideo() != null && state == BedState.CAMERA_OFFLINE) {
                right = "Offline"; // over the ward link it is the link or the edge box, not a camera; the reason is in the tile
            } else if (status != null && state == status.state()) {
                right += "  " + StateStyle.duration(status.t() - status.stateSince());
            }
            g.setFont(base.deriveFont(Font.BOLD, 13f));
            FontMetrics fm = g.getFontMetrics();
            g.drawString(right, w - fm.stringWidth(right) - 10, 22);

            // Video.
            Rectangle video = new Rectangle(0, HEADER, w, h - HEADER - TIMELINE);
            TimedFrame frame = feed.frame();
            VideoPainter.paint(g, video, frame, model.privacy(), true, placeholderText());
            if (frame != null) paintedFrameReceived = frame.receivedNanos();
            if (status != null && state == BedState.CANNOT_ASSESS && status.assessability() != null) {
                caption(g, video, why(status));
            } else if (feed.sourceState() == org.vigil.capture.SourceState.ENDED) {
                caption(g, video, sourceCaption());
            }

            // Timeline of the last minutes.
            double now = status != null ? status.t() : 0;
            TimelineStrip.paint(g, new Rectangle(0, h - TIMELINE, w, TIMELINE),
                    feed.history(now - TIMELINE_SECONDS), now, TIMELINE_SECONDS, new Color(0x546E7A));

            // An unacknowledged alert gets a thick red frame: visible from across the room.
            if (state == BedState.ALERT) {
                g.setColor(StateStyle.ALERT);
                g.setStroke(new BasicStroke(4f));
                g.drawRect(2, 2, w - 4, h - 4);
            } else {
                g.setColor(band.darker());
                g.drawRect(0, 0, w - 1, h - 1);
            }
        } finally {
            g.dispose();
        }
    }

    private String placeholderText() {
        org.vigil.capture.SourceState src = feed.sourceState();
        if (isOffline()) return "No video\n" + sourceCaption();
        if (src == org.vigil.capture.SourceState.CONNECTING) return "Connecting…";
        if (model.noVideo() != null) return model.noVideo() + "\n" + feed.sourceDetail();
        if (src == org.vigil.capture.SourceState.RECONNECTING) return "Reconnecting…\n" + feed.sourceDetail();
        return "Waiting for video";
    }

    private String sourceCaption() {
        String detail = feed.sourceDetail();
        if (feed.sourceState() == org.vigil.capture.SourceState.ENDED) return "Video ended";
        return detail == null || detail.isBlank() ? "Camera offline" : detail;
    }

    static String why(BedStatus s) {
        return switch (s.assessability()) {
            case NO_FACE -> "No face in view";
            case FACE_TOO_SMALL -> "Face too small";
            case FACE_TURNED -> "Head turned away";
            case LOW_LIGHT -> "Too dark";
            case LOW_CONFIDENCE -> "Low confidence";
            case CAMERA_OFFLINE -> "Camera offline";
            case OK -> "";
        };
    }

    private void caption(Graphics2D g, Rectangle r, String text) {
        if (text == null || text.isBlank()) return;
        g.setFont(g.getFont().deriveFont(Font.BOLD, 13f));
        FontMetrics fm = g.getFontMetrics();
        int tw = fm.stringWidth(text) + 16;
        int x = r.x + (r.width - tw) / 2, y = r.y + r.height - fm.getHeight() - 14;
        g.setColor(new Color(0, 0, 0, 170));
        g.fillRoundRect(x, y, tw, fm.getHeight() + 6, 10, 10);
        g.setColor(Color.WHITE);
        g.drawString(text, x + 8, y + fm.getAscent() + 3);
    }
}
