package org.vigil.ui;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JPanel;
import javax.swing.JRadioButtonMenuItem;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JToggleButton;
import javax.swing.JToolBar;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import org.vigil.alerts.AlertEvent;
import org.vigil.pipeline.BedStatus;

/**
 * The nurse-station window. Structure after the FlatLaf demo: menu bar, tool bar, tabbed content, status
 * bar. All data arrives through {@link DashboardModel}; a Swing timer pulls the latest values at
 * {@link #REFRESH_HZ} and repaints, so the EDT only paints and pipeline threads never wait on it.
 */
public final class Dashboard {
    public static final int REFRESH_HZ = 12;
    public static final String TITLE = "Vigil — Nurse station";

    /** Everything the window needs from outside. */
    public record Config(String wardName, boolean dark, PrivacyMode privacy, boolean publicView, String actor,
                         AdminInfo admin, Function<String, String> thresholds, ToDoubleFunction<String> alertThreshold) {}

    private final DashboardModel model;
    private final Config config;
    private final MonitorBackend backend;
    private final AlertSound sound;
    private final Map<String, String> sources = new ConcurrentHashMap<>();
    private final JFrame frame = new JFrame();
    private final JTabbedPane tabs = new JTabbedPane();
    private final WardPanel ward;
    private final BedDetailPanel detail;
    private final AlertQueuePanel alerts;
    private final SourcesPanel sourcesPanel;
    private final SourcesPanel.Banner banner;
    private final AdminPanel admin;
    private final FeedbackPanel feedbackPanel = new FeedbackPanel();
    /** Per-bed override suggestions (admin view), applied only through its confirmation. */
    private final SuggestionsPanel suggestionsPanel;
    /** Last 24 h nurse-feedback figures (null: no durable store); read off the EDT every {@link #FEEDBACK_EVERY_S} s. */
    private volatile java.util.function.Supplier<org.vigil.alerts.FeedbackStats.Report> feedback;
    private final java.util.concurrent.atomic.AtomicBoolean feedbackRunning = new java.util.concurrent.atomic.AtomicBoolean();
    static final int FEEDBACK_EVERY_S = 10;
    private final JLabel statusBar = new JLabel(" ");
    private final Map<PrivacyMode, JToggleButton> privacyButtons = new EnumMap<>(PrivacyMode.class);
    private final Timer timer;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    private final List<Runnable> afterClose = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.CompletableFuture<Void> closed = new java.util.concurrent.CompletableFuture<>();
    private final LatencyProbe latency = new LatencyProbe();
    private long seenChanges = -1;
    private int ticks;

    /** Build the window on the EDT. {@code actions} may be null: then acknowledge/resolve are handled locally. */
    public Dashboard(DashboardModel model, MonitorBackend backend, AlertActions actions, AlertSound sound, Config config) {
        this.model = model;
        this.config = config;
        this.backend = backend;
        this.sound = sound;
        model.setPrivacy(config.privacy());
        AlertActions act = actions;
        if (act == null) {
            LocalAlertActions local = new LocalAlertActions(model);
            model.addAlertTap(local);
            act = local;
        }

        frame.setTitle(TITLE + (config.wardName() == null ? "" : " — " + config.wardName())
                + (config.publicView() ? " (public display)" : ""));
        frame.setDefaultCloseOperation(JFrame.DISPOSE_ON_CLOSE);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosed(WindowEvent e) {
                close();
            }
        });

        ward = new WardPanel(model, this::openBed);
        detail = new BedDetailPanel(model, config.thresholds(), config.alertThreshold());
        alerts = new AlertQueuePanel(sound, act, config.actor());
        sourcesPanel = new SourcesPanel(model, sources, this::switchSource);
        banner = new SourcesPanel.Banner(model, this::switchSource);
        admin = new AdminPanel(config.admin());

        JPanel wardTab = new JPanel(new BorderLayout());
        wardTab.add(banner, BorderLayout.NORTH);
        wardTab.add(ward, BorderLayout.CENTER);
        tabs.addTab("Ward", wardTab);
        tabs.addTab("Bed detail", detail);
        tabs.addTab("Sources", sourcesPanel);
        suggestionsPanel = new SuggestionsPanel(config.actor());
        JPanel learned = new JPanel(new BorderLayout());
        learned.add(feedbackPanel, BorderLayout.CENTER);
        learned.add(suggestionsPanel, BorderLayout.SOUTH);
        JSplitPane adminTab = new JSplitPane(JSplitPane.VERTICAL_SPLIT, admin, learned);
        adminTab.setResizeWeight(0.55);
        adminTab.setBorder(null);
        tabs.addTab("Admin", adminTab);
        tabs.setName("tabs");

        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, tabs, alerts);
        split.setResizeWeight(1.0);
        alerts.setPreferredSize(new Dimension(480, 400));
        alerts.setMinimumSize(new Dimension(380, 200));
        tabs.setMinimumSize(new Dimension(400, 300));
        tabs.setPreferredSize(new Dimension(900, 700));
        split.setBorder(null);

        statusBar.setBorder(BorderFactory.createEmptyBorder(3, 10, 3, 10));
        statusBar.setName("statusBar");
        JPanel content = new JPanel(new BorderLayout());
        content.add(toolBar(), BorderLayout.NORTH);
        content.add(split, BorderLayout.CENTER);
        content.add(statusBar, BorderLayout.SOUTH);
        frame.setContentPane(content);
        frame.setJMenuBar(menuBar());
        frame.setSize(1440, 900);
        frame.setMinimumSize(new Dimension(900, 600));
        frame.setLocationRelativeTo(null);
        model.onBedsChanged(() -> SwingUtilities.invokeLater(ward::rebuild));

        timer = new Timer(1000 / REFRESH_HZ, e -> tick());
        timer.setCoalesce(true);
        timer.start();
    }

    /** Themes are global in Swing: call before building the window (and again to switch). */
    public static void applyTheme(boolean dark) {
        FlatLaf.setup(dark ? new FlatDarkLaf() : new FlatLightLaf());
    }

    public JFrame frame() {
        return frame;
    }

    public void show() {
        frame.setVisible(true);
    }

    /** Start a bed's source (also used when the user picks another file/URL). */
    public void switchSource(String bed, String source) {
        if (usable(bed, source)) backend.start(bed, source, model);
    }

    /** Start the beds a ward opens with, in one go. */
    public void startSources(Map<String, String> bedSources) {
        Map<String, String> ok = new java.util.LinkedHashMap<>();
        bedSources.forEach((bed, source) -> {
            if (usable(bed, source)) ok.put(bed, source);
        });
        if (!ok.isEmpty()) backend.startAll(ok, model);
    }

    private boolean usable(String bed, String source) {
        sources.put(bed, source);
        model.bed(bed);
        String device = org.vigil.capture.SourceSpec.cameraDevice(source);
        if (device != null && !java.nio.file.Files.exists(java.nio.file.Path.of(device))) {
            // Say it at once and plainly, instead of showing "reconnecting" while the capture retries.
            model.onSourceState(bed, org.vigil.capture.SourceState.OFFLINE, "No camera found (" + device + "). Choose a video file or stream URL.");
            return false;
        }
        model.onSourceState(bed, org.vigil.capture.SourceState.CONNECTING, source);
        return true;
    }

    public void openBed(String bed) {
        detail.show(bed);
        tabs.setSelectedComponent(detail);
        detail.refresh();
    }

    public void setPrivacy(PrivacyMode mode) {
        model.setPrivacy(mode);
        JToggleButton b = privacyButtons.get(mode);
        if (b != null && !b.isSelected()) b.setSelected(true);
        refreshNow();
    }

    public void setDark(boolean dark) {
        applyTheme(dark);
        FlatLaf.updateUI();
    }

    // Accessors for tests and the benchmark (the real components, not copies).
    public DashboardModel model() {
        return model;
    }

    public WardPanel ward() {
        return ward;
    }

    public AlertQueuePanel alerts() {
        return alerts;
    }

    public BedDetailPanel detail() {
        return detail;
    }

    public AdminPanel admin() {
        return admin;
    }

    public JTabbedPane tabs() {
        return tabs;
    }

    public JToggleButton privacyButton(PrivacyMode m) {
        return privacyButtons.get(m);
    }

    public JPanel sourceBanner() {
        return banner;
    }

    public LatencyProbe latency() {
        return latency;
    }

    /** Where the beds' events come from (the soak reads the pipeline's counters through it). */
    public MonitorBackend backend() {
        return backend;
    }

    /** Pull everything now instead of waiting for the next tick. EDT only. */
    public void refreshNow() {
        seenChanges = -1;
        tick();
    }

    private void tick() {
        ticks++;
        if (ticks % REFRESH_HZ == 0) alerts.syncMute();
        List<AlertEvent> events = model.drainAlerts();
        long changes = model.changes();
        // Durations on tiles tick with stream time, which only moves with events: idle ticks cost nothing.
        if (events.isEmpty() && changes == seenChanges && ticks % REFRESH_HZ != 0) return;
        seenChanges = changes;
        alerts.apply(events);
        if (!events.isEmpty() || ticks % (REFRESH_HZ * FEEDBACK_EVERY_S) == 0) refreshFeedback();
        ward.rebuild();
        for (BedTile t : ward.tiles()) t.setAlert(alerts.queue().worstFor(t.bed()));
        ward.arrange(); // alerting beds first, once they alert
        banner.refresh();
        java.awt.Component sel = tabs.getSelectedComponent();
        // replays cost CPU the beds need: suggestions are checked again only while someone looks at them
        if (sel != null && SwingUtilities.isDescendingFrom(suggestionsPanel, sel)) suggestionsPanel.refreshIfStale();
        if (sel == detail) detail.refresh();
        else if (sel == sourcesPanel) sourcesPanel.refresh();
        else for (BedTile t : ward.tiles()) latency.repaintTracked(t);
        statusBar.setText(statusText());
    }

    /** Shows the last 24 h of nurse feedback from this source (bed detail and admin view). EDT only. */
    public void feedback(java.util.function.Supplier<org.vigil.alerts.FeedbackStats.Report> source) {
        feedback = source;
        refreshFeedback();
    }

    /** Reads the figures on a worker thread (a database query) and shows them on the EDT; one read at a time. */
    private void refreshFeedback() {
        var src = feedback;
        if (src == null || !feedbackRunning.compareAndSet(false, true)) return;
        new javax.swing.SwingWorker<org.vigil.alerts.FeedbackStats.Report, Void>() {
            @Override
            protected org.vigil.alerts.FeedbackStats.Report doInBackground() {
                return src.get();
            }

            @Override
            protected void done() {
                feedbackRunning.set(false);
                try {
                    showFeedback(get());
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(Dashboard.class).warn("nurse-feedback figures: {}", e.getMessage());
                }
            }
        }.execute();
    }

    /** Shows figures already read. EDT only. */
    void showFeedback(org.vigil.alerts.FeedbackStats.Report r) {
        feedbackPanel.show(r);
        detail.showFeedback(r);
    }

    public FeedbackPanel feedbackPanel() {
        return feedbackPanel;
    }

    public SuggestionsPanel suggestionsPanel() {
        return suggestionsPanel;
    }

    /** Shows override suggestions from this source in the admin view. EDT only. */
    public void suggestions(SuggestionSource source) {
        suggestionsPanel.source(source);
    }

    private String statusText() {
        List<BedFeed> beds = model.beds();
        long alerting = ward.tiles().stream().filter(t -> t.shownState() == org.vigil.pipeline.BedState.ALERT).count();
        double fps = beds.stream().map(BedFeed::status).filter(s -> s != null).mapToDouble(BedStatus::fps).average()
                .orElse(0);
        return String.format("%d bed%s · %d alerting · %.1f fps analysed · privacy: %s%s · sound %s", beds.size(),
                beds.size() == 1 ? "" : "s", alerting, fps, model.privacy().label(),
                config.publicView() ? " (public display)" : "", sound.muted() ? "muted" : "on");
    }

    private JToolBar toolBar() {
        JToolBar bar = new JToolBar();
        bar.setFloatable(false);
        bar.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
        JLabel brand = new JLabel("Vigil");
        brand.setFont(brand.getFont().deriveFont(Font.BOLD, 18f));
        bar.add(brand);
        bar.add(Box.createHorizontalStrut(8));
        JLabel wardLabel = new JLabel(config.wardName() == null ? "" : config.wardName());
        bar.add(wardLabel);
        bar.add(Box.createHorizontalGlue());
        bar.add(new JLabel("Privacy: "));
        ButtonGroup group = new ButtonGroup();
        for (PrivacyMode m : PrivacyMode.values()) {
            JToggleButton b = new JToggleButton(m.label());
            b.setName("privacy:" + m.name());
            b.putClientProperty("JButton.buttonType", "segmented");
            b.setSelected(m == config.privacy());
            b.addActionListener(e -> setPrivacy(m));
            group.add(b);
            privacyButtons.put(m, b);
            bar.add(b);
        }
        bar.add(Box.createHorizontalStrut(16));
        JToggleButton dark = new JToggleButton("Dark", config.dark());
        dark.setName("dark");
        dark.addActionListener(e -> setDark(dark.isSelected()));
        bar.add(dark);
        return bar;
    }

    private JMenuBar menuBar() {
        JMenuBar mb = new JMenuBar();
        JMenu file = new JMenu("File");
        JMenuItem open = new JMenuItem("Sources…");
        open.addActionListener(e -> tabs.setSelectedComponent(sourcesPanel));
        JMenuItem quit = new JMenuItem("Quit");
        quit.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_Q, java.awt.event.InputEvent.CTRL_DOWN_MASK));
        quit.addActionListener(e -> frame.dispose());
        file.add(open);
        file.addSeparator();
        file.add(quit);
        JMenu view = new JMenu("View");
        ButtonGroup g = new ButtonGroup();
        for (PrivacyMode m : PrivacyMode.values()) {
            JRadioButtonMenuItem it = new JRadioButtonMenuItem(m.label(), m == config.privacy());
            it.addActionListener(e -> setPrivacy(m));
            g.add(it);
            view.add(it);
        }
        view.addSeparator();
        JCheckBoxMenuItem mute = new JCheckBoxMenuItem("Mute alert sound");
        mute.addActionListener(e -> alerts.muteButton().doClick());
        view.add(mute);
        mb.add(file);
        mb.add(view);
        return mb;
    }

    /** Stop the timer, the sources and the sound, then run the {@link #afterClose} actions. Idempotent. */
    public void close() {
        timer.stop();
        sound.close();
        if (!closing.compareAndSet(false, true)) return;
        // Stopping the pipeline joins its threads: not on the EDT, the window must close at once.
        Thread t = new Thread(() -> {
            try {
                backend.close();
            } finally {
                for (Runnable r : afterClose) {
                    try {
                        r.run();
                    } catch (RuntimeException e) {
                        org.slf4j.LoggerFactory.getLogger(Dashboard.class).warn("closing the dashboard: {}", e.toString());
                    }
                }
                closed.complete(null);
            }
        }, "vigil-dashboard-close");
        t.start();
    }

    /**
     * Run when the window closes, after the backend has stopped (its pipeline joined, bounded), on the closing
     * thread, not the EDT: for what the pipeline writes into, such as the alert store. Register before closing.
     */
    public void afterClose(Runnable action) {
        afterClose.add(action);
    }

    /** Completes once the window has closed, the backend has stopped and the {@link #afterClose} actions have run. */
    public java.util.concurrent.CompletableFuture<Void> closed() {
        return closed;
    }
}
