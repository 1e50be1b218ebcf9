package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.ui.UiTestSupport.*;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JTextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertTransition;
import org.vigil.pipeline.BedState;

/**
 * A nurse station's ward of 64 beds in 16 rooms (the size the ward issue asks to stay usable): tiles stay
 * readable and scroll, alerting beds come first, and the nurse can narrow the view to a room or a name.
 */
class WardPanelBigWardTest {
    private DashboardModel model;
    private Dashboard dash;

    @BeforeEach
    void open() throws Exception {
        requireDisplay();
        model = new DashboardModel();
        for (int room = 1; room <= 16; room++) {
            for (int b = 1; b <= 4; b++) model.setRoom(String.format("bed-%02d%d", room, b), String.format("room-%02d", room));
        }
        dash = edt(() -> {
            Dashboard.applyTheme(false);
            Dashboard d = new Dashboard(model, PipelineBackend.preview(Map.of(), false), null, new AlertSound(),
                    new Dashboard.Config("Ward 4 (64 beds)", false, PrivacyMode.OFF, false, "nurse.test",
                            AdminInfo.none(), b -> "distress >= 0.70 for 15 s", b -> 0.7));
            d.frame().setSize(1400, 900);
            d.show();
            return d;
        });
        for (BedFeed b : model.beds()) model.onStatus(status(b.bed(), 100, BedState.CALM, 10, Map.of("neutral", 0.9)));
    }

    @AfterEach
    void close() throws Exception {
        if (dash != null) closeAndWait(dash);
    }

    @Test
    void sixtyFourBedsStayReadableAlertingFirstAndFilterByRoomOrName() throws Exception {
        edt(() -> dash.refreshNow());
        WardPanel ward = dash.ward();
        assertThat(edt(() -> ward.shownTiles().size())).isEqualTo(64);
        // readable tiles in a scroll pane, not 64 slivers
        BedTile first = edt(() -> ward.shownTiles().get(0));
        assertThat(edt(() -> first.getHeight())).isGreaterThanOrEqualTo(140);
        assertThat(edt(() -> first.getWidth())).isGreaterThanOrEqualTo(180);
        assertThat(edt(() -> first.bed())).isEqualTo("bed-011");

        // two beds far down the list alert: they move to the top, the unacknowledged one first
        model.onStatus(status("bed-143", 120, BedState.ALERT, 100, Map.of("sad", 0.8)));
        model.onAlert(alert("a1", "bed-143", AlertPriority.MEDIUM, AlertTransition.RAISED, 120, Map.of("sad", 0.8)));
        model.onAlert(alert("a2", "bed-092", AlertPriority.MEDIUM, AlertTransition.RAISED, 121, Map.of("angry", 0.8)));
        model.onAlert(alert("a2", "bed-092", AlertPriority.MEDIUM, AlertTransition.ACKNOWLEDGED, 122, Map.of("angry", 0.8)));
        edt(() -> dash.refreshNow());
        assertThat(edt(() -> ward.shownTiles().stream().limit(3).map(BedTile::bed).toList())).containsExactly("bed-143", "bed-092", "bed-011");
        JLabel count = (JLabel) find(dash.frame(), "ward-count");
        assertThat(edt(count::getText)).isEqualTo("64 of 64 beds · 1 alerting");
        BufferedImage shot = capture(dash.frame());
        save(shot, "ward-64-beds");
        Rectangle top = boundsInRoot(dash.frame(), ward.shownTiles().get(0));
        assertThat(distance(mean(shot, new Rectangle(top.x + top.width / 3, top.y + 4, 20, 4)), StateStyle.ALERT)).isLessThan(12);

        // a room: its four beds
        @SuppressWarnings("unchecked")
        JComboBox<String> room = (JComboBox<String>) find(dash.frame(), "ward-room");
        assertThat(edt(() -> room.getItemCount())).isEqualTo(17); // all rooms + 16
        edt(() -> room.setSelectedItem("room-07"));
        assertThat(edt(() -> ward.shownTiles().stream().map(BedTile::bed).toList())).containsExactly("bed-071", "bed-072", "bed-073", "bed-074");
        assertThat(edt(count::getText)).startsWith("4 of 64 beds");
        // a name, across rooms
        edt(() -> room.setSelectedItem("All rooms"));
        JTextField filter = (JTextField) find(dash.frame(), "ward-filter");
        edt(() -> filter.setText("bed-1"));
        List<String> named = edt(() -> ward.shownTiles().stream().map(BedTile::bed).toList());
        assertThat(named).hasSize(28).allMatch(b -> b.startsWith("bed-1")).first().isEqualTo("bed-143");
        edt(() -> filter.setText("room-16"));
        assertThat(edt(() -> ward.shownTiles().size())).isEqualTo(4);
        edt(() -> filter.setText("no such bed"));
        assertThat(edt(() -> ward.shownTiles())).isEmpty();
        assertThat(edt(count::getText)).startsWith("0 of 64 beds");
    }

    private static java.awt.Component find(java.awt.Container root, String name) throws Exception {
        return edt(() -> named(root, name));
    }
}
