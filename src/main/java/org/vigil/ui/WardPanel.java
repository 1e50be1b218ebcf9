package org.vigil.ui;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.Scrollable;
import javax.swing.SwingConstants;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import org.vigil.pipeline.BedState;

/**
 * The ward view: one tile per bed. Up to {@value #FIT_BEDS} tiles share the window in a grid that stays
 * roughly square; a bigger ward (a nurse station over the broker: 64 beds) gets a bar to filter by
 * room or name and to put alerting beds first, and scrolls tiles of a readable size instead of
 * shrinking them.
 */
public final class WardPanel extends JPanel {
    /** Up to this many tiles fit the window; more scroll. */
    static final int FIT_BEDS = 16;
    /** The filter bar appears above this many beds (a bedside monitor of a few beds needs none). */
    static final int BAR_ABOVE = 8;
    private static final int TILE_W = 200;
    private static final int TILE_H = 150;
    private static final int GAP = 8;
    private static final String ALL_ROOMS = "All rooms";

    private final DashboardModel model;
    private final Consumer<String> openBed;
    private final Map<String, BedTile> tiles = new LinkedHashMap<>();
    private final Grid grid = new Grid();
    private final JPanel bar = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 4));
    private final JTextField filter = new JTextField(14);
    private final JComboBox<String> room = new JComboBox<>(new DefaultComboBoxModel<>(new String[] {ALL_ROOMS}));
    private final JCheckBox alertingFirst = new JCheckBox("Alerting beds first");
    private final JLabel count = new JLabel();
    private boolean sortChosen;
    private List<String> shown = List.of();
    private int shownColumns;

    public WardPanel(DashboardModel model, Consumer<String> openBed) {
        super(new BorderLayout());
        this.model = model;
        this.openBed = openBed;
        setName("ward");
        setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
        filter.setName("ward-filter");
        filter.putClientProperty("JTextField.placeholderText", "Bed or room");
        filter.putClientProperty("JTextField.showClearButton", true);
        room.setName("ward-room");
        alertingFirst.setName("ward-alerting-first");
        count.setName("ward-count");
        bar.add(new JLabel("Show"));
        bar.add(filter);
        bar.add(room);
        bar.add(alertingFirst);
        bar.add(count);
        bar.setVisible(false);
        filter.getDocument().addDocumentListener(new DocumentListener() {
            @Override public void insertUpdate(DocumentEvent e) { arrange(); }
            @Override public void removeUpdate(DocumentEvent e) { arrange(); }
            @Override public void changedUpdate(DocumentEvent e) { arrange(); }
        });
        room.addActionListener(e -> arrange());
        alertingFirst.addActionListener(e -> {
            sortChosen = true;
            arrange();
        });
        JScrollPane scroll = new JScrollPane(grid, JScrollPane.VERTICAL_SCROLLBAR_AS_NEEDED, JScrollPane.HORIZONTAL_SCROLLBAR_NEVER);
        scroll.setBorder(null);
        scroll.getVerticalScrollBar().setUnitIncrement(TILE_H / 4);
        scroll.getViewport().addChangeListener(e -> {
            if (shown.size() > FIT_BEDS && columns(shown.size()) != shownColumns) layoutTiles(shown);
        });
        add(bar, BorderLayout.NORTH);
        add(scroll, BorderLayout.CENTER);
        rebuild();
    }

    /** Add tiles for beds that appeared since the last call, then {@link #arrange}. EDT only. */
    public void rebuild() {
        List<BedFeed> beds = model.beds();
        if (beds.size() != tiles.size()) {
            for (BedFeed b : beds) tiles.computeIfAbsent(b.bed(), n -> new BedTile(b, model, openBed));
            bar.setVisible(tiles.size() > BAR_ABOVE);
            if (!sortChosen) alertingFirst.setSelected(tiles.size() > FIT_BEDS);
        }
        arrange();
    }

    /** Which tiles show, in which order: the filter, the room, alerting first. Cheap when nothing changed. EDT only. */
    public void arrange() {
        updateRooms();
        String text = filter.getText().trim().toLowerCase(Locale.ROOT);
        String r = (String) room.getSelectedItem();
        List<BedTile> visible = new ArrayList<>();
        for (BedTile t : tiles.values()) {
            String tileRoom = model.bed(t.bed()).room();
            if (r != null && !r.equals(ALL_ROOMS) && !r.equals(tileRoom)) continue;
            if (!text.isEmpty() && !t.bed().toLowerCase(Locale.ROOT).contains(text) && !tileRoom.toLowerCase(Locale.ROOT).contains(text)) continue;
            visible.add(t);
        }
        if (alertingFirst.isSelected()) visible.sort(Comparator.comparingInt(WardPanel::urgency)); // stable: ward order within a rank
        long alerting = tiles.values().stream().filter(t -> t.shownState() == BedState.ALERT).count();
        count.setText(visible.size() + " of " + tiles.size() + " beds" + (alerting > 0 ? " · " + alerting + " alerting" : ""));
        List<String> order = visible.stream().map(BedTile::bed).toList();
        if (!order.equals(shown)) layoutTiles(order);
    }

    /** 0: an alert nobody has acknowledged, 1: any other alert or a problem, 2: calm. */
    private static int urgency(BedTile t) {
        BedState s = t.shownState();
        if (s == BedState.ALERT) return 0;
        return t.hasAlert() ? 1 : 2;
    }

    private void updateRooms() {
        TreeSet<String> rooms = new TreeSet<>();
        for (BedTile t : tiles.values()) {
            String r = model.bed(t.bed()).room();
            if (!r.isEmpty()) rooms.add(r);
        }
        if (rooms.size() == room.getItemCount() - 1) return;
        Object selected = room.getSelectedItem();
        List<String> items = new ArrayList<>();
        items.add(ALL_ROOMS);
        items.addAll(rooms);
        room.setModel(new DefaultComboBoxModel<>(items.toArray(String[]::new)));
        room.setSelectedItem(items.contains(selected) ? selected : ALL_ROOMS);
        room.setVisible(!rooms.isEmpty());
    }

    private int columns(int n) {
        if (n <= FIT_BEDS) {
            // Tiles are ~4:3 and screens ~16:10: a few more columns than rows.
            return Math.min(Math.max(1, n), (int) Math.ceil(Math.sqrt(Math.max(1, n) * 1.3)));
        }
        int width = grid.getParent() != null ? grid.getParent().getWidth() : 0;
        return Math.max(1, (width + GAP) / (TILE_W + GAP));
    }

    private void layoutTiles(List<String> order) {
        shown = order;
        int n = Math.max(1, order.size());
        shownColumns = columns(order.size());
        grid.removeAll();
        grid.setLayout(new GridLayout((int) Math.ceil(n / (double) shownColumns), shownColumns, GAP, GAP));
        for (String bed : order) grid.add(tiles.get(bed));
        grid.revalidate();
        grid.repaint();
    }

    /** Every tile, shown or filtered out (alerts and repaints reach all of them). */
    public List<BedTile> tiles() {
        return new ArrayList<>(tiles.values());
    }

    /** The tiles shown now, in their order. */
    public List<BedTile> shownTiles() {
        return shown.stream().map(tiles::get).toList();
    }

    public BedTile tile(String bed) {
        return tiles.get(bed);
    }

    /** Fits the window up to {@value #FIT_BEDS} tiles; beyond, keeps tiles readable and scrolls. */
    private final class Grid extends JPanel implements Scrollable {
        @Override
        public Dimension getPreferredScrollableViewportSize() {
            return getPreferredSize();
        }

        @Override
        public Dimension getPreferredSize() {
            if (shown.size() <= FIT_BEDS) return super.getPreferredSize();
            int rows = (int) Math.ceil(shown.size() / (double) Math.max(1, shownColumns));
            return new Dimension(shownColumns * (TILE_W + GAP), rows * (TILE_H + GAP));
        }

        @Override
        public int getScrollableUnitIncrement(Rectangle r, int orientation, int direction) {
            return TILE_H / 4;
        }

        @Override
        public int getScrollableBlockIncrement(Rectangle r, int orientation, int direction) {
            return orientation == SwingConstants.VERTICAL ? r.height : r.width;
        }

        @Override
        public boolean getScrollableTracksViewportWidth() {
            return true;
        }

        @Override
        public boolean getScrollableTracksViewportHeight() {
            return shown.size() <= FIT_BEDS;
        }
    }
}
