package org.vigil.ui;

import java.awt.GridLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.JPanel;

/** The ward view: one tile per bed in a grid that stays roughly square from 1 to 16+ beds. */
public final class WardPanel extends JPanel {
    private final DashboardModel model;
    private final Consumer<String> openBed;
    private final Map<String, BedTile> tiles = new LinkedHashMap<>();

    public WardPanel(DashboardModel model, Consumer<String> openBed) {
        this.model = model;
        this.openBed = openBed;
        setName("ward");
        setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
        rebuild();
    }

    /** Add tiles for beds that appeared since the last call. EDT only. */
    public void rebuild() {
        List<BedFeed> beds = model.beds();
        if (beds.size() == tiles.size()) return;
        removeAll();
        int n = Math.max(1, beds.size());
        // Tiles are ~4:3 and screens ~16:10: a few more columns than rows.
        int cols = (int) Math.ceil(Math.sqrt(n * 1.3));
        cols = Math.min(cols, n);
        int rows = (int) Math.ceil(n / (double) cols);
        setLayout(new GridLayout(rows, cols, 8, 8));
        Map<String, BedTile> old = new LinkedHashMap<>(tiles);
        tiles.clear();
        for (BedFeed b : beds) {
            BedTile t = old.containsKey(b.bed()) ? old.get(b.bed()) : new BedTile(b, model, openBed);
            tiles.put(b.bed(), t);
            add(t);
        }
        revalidate();
        repaint();
    }

    public List<BedTile> tiles() {
        return new ArrayList<>(tiles.values());
    }

    public BedTile tile(String bed) {
        return tiles.get(bed);
    }
}
