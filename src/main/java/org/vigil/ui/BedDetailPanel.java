package org.vigil.ui;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSplitPane;
import javax.swing.JTextArea;
import org.vigil.classify.EmotionLabels;
import org.vigil.pipeline.BedStatus;

/** One bed in detail: larger live view with face box and landmarks, class bars, history chart, thresholds. */
public final class BedDetailPanel extends JPanel {
    private final DashboardModel model;
    private final Function<String, String> thresholds;
    private final ToDoubleFunction<String> alertThreshold;
    private final JComboBox<String> bedChoice = new JComboBox<>();
    private final JComboBox<String> windowChoice = new JComboBox<>(new String[] {"10 min", "30 min", "60 min"});
    private final JLabel state = new JLabel();
    private final LiveView live = new LiveView();
    private final ProbabilityBars bars = new ProbabilityBars();
    private final HistoryChart chart = new HistoryChart();
    private final JTextArea thresholdText = new JTextArea();
    private final JTextArea last24 = new JTextArea("No alert database: figures need the durable alert log.");
    private org.vigil.alerts.FeedbackStats.Report feedback;
    private String shownThresholdsFor;

    /**
     * @param thresholds     the thresholds in force for a bed, as text for the nurse
     * @param alertThreshold the distress score at which this bed alerts (NaN if unknown), drawn on the chart
     */
    public BedDetailPanel(DashboardModel model, Function<String, String> thresholds,
                          ToDoubleFunction<String> alertThreshold) {
        super(new BorderLayout(8, 8));
        this.model = model;
        this.thresholds = thresholds;
        this.alertThreshold = alertThreshold;
        setName("detail");
        setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));

        JPanel top = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 0));
        top.add(new JLabel("Bed"));
        bedChoice.setName("detailBed");
        top.add(bedChoice);
        top.add(new JLabel("History"));
        top.add(windowChoice);
        state.setFont(state.getFont().deriveFont(Font.BOLD, 15f));
        top.add(state);
        add(top, BorderLayout.NORTH);

        JPanel side = new JPanel();
        side.setLayout(new BoxLayout(side, BoxLayout.Y_AXIS));
        side.add(heading("Smoothed probabilities"));
        bars.setAlignmentX(LEFT_ALIGNMENT);
        side.add(bars);
        side.add(heading("Thresholds in force"));
        thresholdText.setEditable(false);
        thresholdText.setLineWrap(true);
        thresholdText.setWrapStyleWord(true);
        thresholdText.setName("thresholds");
        thresholdText.setAlignmentX(LEFT_ALIGNMENT);
        thresholdText.setOpaque(false);
        side.add(thresholdText);
        side.add(heading("Last 24 h (nurse feedback)"));
        last24.setEditable(false);
        last24.setLineWrap(true);
        last24.setWrapStyleWord(true);
        last24.setName("last24");
        last24.setAlignmentX(LEFT_ALIGNMENT);
        last24.setOpaque(false);
        side.add(last24);
        side.setPreferredSize(new Dimension(300, 300));

        JPanel upper = new JPanel(new BorderLayout(8, 0));
        upper.add(live, BorderLayout.CENTER);
        upper.add(side, BorderLayout.EAST);
        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, upper, chart);
        split.setResizeWeight(0.68);
        split.setBorder(null);
        add(split, BorderLayout.CENTER);
        windowChoice.setSelectedIndex(0);
    }

    private static JLabel heading(String text) {
        JLabel l = new JLabel(text);
        l.setFont(l.getFont().deriveFont(Font.BOLD, 13f));
        l.setBorder(BorderFactory.createEmptyBorder(6, 0, 4, 0));
        l.setAlignmentX(LEFT_ALIGNMENT);
        return l;
    }

    public void show(String bed) {
        bedChoice.setSelectedItem(bed);
    }

    /** The last 24 h figures of the ward; the selected bed's row shows. EDT only. */
    void showFeedback(org.vigil.alerts.FeedbackStats.Report r) {
        feedback = r;
        updateFeedback();
    }

    private void updateFeedback() {
        String bed = selectedBed();
        if (feedback == null || bed == null) return;
        String text = FeedbackPanel.describe(feedback.perBed().stream().filter(x -> x.key().equals(bed)).findFirst()
                .orElse(null));
        if (!text.equals(last24.getText())) last24.setText(text);
    }

    public String last24Text() {
        return last24.getText();
    }

    public String selectedBed() {
        return (String) bedChoice.getSelectedItem();
    }

    /** Pull the latest values and repaint. EDT only, from the dashboard timer. */
    void refresh() {
        List<BedFeed> beds = model.beds();
        if (bedChoice.getItemCount() != beds.size()) {
            Object sel = bedChoice.getSelectedItem();
            bedChoice.removeAllItems();
            for (BedFeed b : beds) bedChoice.addItem(b.bed());
            if (sel != null) bedChoice.setSelectedItem(sel);
        }
        String bed = selectedBed();
        if (bed == null) return;
        BedFeed feed = model.bed(bed);
        BedStatus s = feed.status();
        live.feed = feed;
        double window = 60.0 * new int[] {10, 30, 60}[Math.max(0, windowChoice.getSelectedIndex())];
        double now = s == null ? 0 : s.t();
        chart.set(feed.history(now - window), now, window, alertThreshold.applyAsDouble(bed));
        bars.set(s == null ? java.util.Map.of() : s.emotions(), EmotionLabels.FER7.stream()
                .filter(l -> s != null && s.emotions().containsKey(l)).toList());
        if (s == null) {
            state.setText("  " + feed.sourceState().wire());
        } else {
            String why = s.assessability() != null && !s.assessability().assessable() ? " — " + BedTile.why(s) : "";
            state.setText(String.format("  %s for %s%s   (confidence %.2f, %.1f fps)", StateStyle.label(s.state()),
                    StateStyle.duration(s.t() - s.stateSince()), why, s.confidence(), s.fps()));
            state.setForeground(StateStyle.colour(s.state()));
        }
        updateFeedback();
        // Re-read each refresh: the rules may have been reloaded. Only touch the text area when it changed.
        String th = thresholds.apply(bed);
        if (!th.equals(shownThresholdsFor)) {
            thresholdText.setText(th);
            shownThresholdsFor = th;
        }
        live.repaint();
        bars.repaint();
        chart.repaint();
    }

    private final class LiveView extends JComponent {
        volatile BedFeed feed;

        LiveView() {
            setName("liveView");
            setPreferredSize(new Dimension(640, 360));
        }

        @Override
        protected void paintComponent(Graphics g0) {
            Graphics2D g = (Graphics2D) g0.create();
            BedFeed f = feed;
            VideoPainter.paint(g, new Rectangle(0, 0, getWidth(), getHeight()), f == null ? null : f.frame(),
                    model.privacy(), true, f == null ? "No bed selected" : "Waiting for video");
            g.dispose();
        }
    }
}
