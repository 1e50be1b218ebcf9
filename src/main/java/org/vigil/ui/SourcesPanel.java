package org.vigil.ui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.io.File;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.filechooser.FileNameExtensionFilter;
import org.vigil.base.Defaults;

/**
 * Each bed's video source, its state in plain words, and a way to pick another one: a video file or a
 * stream URL. The same controls appear as a banner on the ward view when a bed has no working source.
 */
public final class SourcesPanel extends JPanel {
    private final DashboardModel model;
    private final BiConsumer<String, String> switchSource;
    private final JPanel rows = new JPanel(new GridBagLayout());
    private final Map<String, JLabel> stateLabels = new HashMap<>();
    private final Map<String, String> sources;

    /**
     * @param sources      bed -> source it was started with (updated when the user switches)
     * @param switchSource called on the EDT with (bed, new source); starts it in the backend
     */
    public SourcesPanel(DashboardModel model, Map<String, String> sources, BiConsumer<String, String> switchSource) {
        super(new BorderLayout());
        this.model = model;
        this.sources = sources;
        this.switchSource = switchSource;
        setName("sources");
        setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        JLabel head = new JLabel("Video sources");
        head.setFont(head.getFont().deriveFont(Font.BOLD, 16f));
        add(head, BorderLayout.NORTH);
        JPanel holder = new JPanel(new BorderLayout());
        holder.add(rows, BorderLayout.NORTH);
        add(new JScrollPane(holder), BorderLayout.CENTER);
    }

    void refresh() {
        List<BedFeed> beds = model.beds();
        if (stateLabels.size() != beds.size()) rebuild(beds);
        for (BedFeed b : beds) {
            JLabel l = stateLabels.get(b.bed());
            if (l != null) l.setText(describe(b));
        }
    }

    static String describe(BedFeed b) {
        String d = b.sourceDetail();
        return b.sourceState().wire() + (d == null || d.isBlank() ? "" : " — " + d);
    }

    private void rebuild(List<BedFeed> beds) {
        rows.removeAll();
        stateLabels.clear();
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(6, 6, 6, 6);
        c.anchor = GridBagConstraints.WEST;
        int y = 0;
        for (BedFeed b : beds) {
            c.gridy = y++;
            c.gridx = 0;
            c.weightx = 0;
            JLabel name = new JLabel(b.bed());
            name.setFont(name.getFont().deriveFont(Font.BOLD));
            rows.add(name, c);
            c.gridx = 1;
            c.weightx = 1;
            c.fill = GridBagConstraints.HORIZONTAL;
            JLabel state = new JLabel();
            stateLabels.put(b.bed(), state);
            rows.add(state, c);
            c.fill = GridBagConstraints.NONE;
            c.weightx = 0;
            c.gridx = 2;
            rows.add(sourcePicker(b.bed(), switchSource, false), c);
        }
        rows.revalidate();
        rows.repaint();
    }

    /** "Open video file…" + URL field + "Connect" for one bed. */
    static JPanel sourcePicker(String bed, BiConsumer<String, String> switchSource, boolean opaqueNo) {
        JPanel p = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0));
        p.setOpaque(!opaqueNo);
        JButton file = new JButton("Open video file…");
        file.setName("openFile:" + bed);
        file.addActionListener(e -> {
            JFileChooser ch = new JFileChooser();
            ch.setDialogTitle("Video for " + Defaults.bedLabel(bed));
            ch.setFileFilter(new FileNameExtensionFilter("Video files", "mp4", "mov", "avi", "mkv", "webm", "m4v"));
            if (ch.showOpenDialog(p) == JFileChooser.APPROVE_OPTION) {
                File f = ch.getSelectedFile();
                switchSource.accept(bed, f.getAbsolutePath());
            }
        });
        JTextField url = new JTextField(22);
        url.setName("url:" + bed);
        url.putClientProperty("JTextField.placeholderText", "rtsp://… or http://… stream URL");
        JButton connect = new JButton("Connect");
        connect.setName("connect:" + bed);
        Runnable go = () -> {
            String u = url.getText().trim();
            if (!u.isEmpty()) switchSource.accept(bed, u);
        };
        connect.addActionListener(e -> go.run());
        url.addActionListener(e -> go.run());
        p.add(file);
        p.add(new JLabel("or"));
        p.add(url);
        p.add(connect);
        return p;
    }

    /** The ward-view banner: says plainly which beds have no video, with the same picker for the first one. */
    static final class Banner extends JPanel {
        private final DashboardModel model;
        private final BiConsumer<String, String> switchSource;
        private final JLabel text = new JLabel();
        private String forBed;

        Banner(DashboardModel model, BiConsumer<String, String> switchSource) {
            super(new BorderLayout(10, 4));
            this.model = model;
            this.switchSource = switchSource;
            setName("sourceBanner");
            updateUI();
            setBorder(BorderFactory.createCompoundBorder(BorderFactory.createMatteBorder(0, 0, 1, 0, new Color(0xE0C068)),
                    BorderFactory.createEmptyBorder(8, 12, 8, 12)));
            updateUI();
            text.setFont(text.getFont().deriveFont(Font.BOLD, 14f));
            text.setName("sourceBannerText");
            add(text, BorderLayout.CENTER);
            setVisible(false);
        }

        @Override
        public void updateUI() {
            super.updateUI();
            // Warning colours that read in both themes (the banner is re-styled on a theme switch).
            boolean dark = com.formdev.flatlaf.FlatLaf.isLafDark();
            setBackground(dark ? new Color(0x4A3B10) : new Color(0xFFF3CD));
            if (text != null) text.setForeground(dark ? new Color(0xFFE08A) : new Color(0x5D4200));
        }

        void refresh() {
            String link = model.linkProblem();
            if (link != null) {
                // Also with no bed known yet: a nurse station started while the broker is away must not look like an empty ward.
                setVisible(true);
                text.setText(link);
                return;
            }
            BedFeed offline = model.beds().stream()
                    .filter(b -> b.sourceState() == org.vigil.capture.SourceState.OFFLINE)
                    .findFirst().orElse(null);
            setVisible(offline != null);
            if (offline == null) return;
            String d = offline.sourceDetail();
            text.setText(Defaults.bedLabel(offline.bed()) + ": " + (d == null || d.isBlank() ? "no video" : d));
            if (!offline.bed().equals(forBed) && model.noVideo() == null) {
                forBed = offline.bed();
                BorderLayout l = (BorderLayout) getLayout();
                if (l.getLayoutComponent(BorderLayout.SOUTH) != null) remove(l.getLayoutComponent(BorderLayout.SOUTH));
                JPanel picker = sourcePicker(offline.bed(), switchSource, true);
                add(picker, BorderLayout.SOUTH);
                revalidate();
            }
        }
    }
}
