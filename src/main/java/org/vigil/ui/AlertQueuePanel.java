package org.vigil.ui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.Font;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JToggleButton;
import javax.swing.ListSelectionModel;
import javax.swing.table.AbstractTableModel;
import javax.swing.table.DefaultTableCellRenderer;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.FalseAlarmReason;
import org.vigil.alerts.Outcome;
import org.vigil.base.Defaults;

/** The alert queue: newest and most severe first, with Acknowledge / Resolve and the per-shift mute. */
public final class AlertQueuePanel extends JPanel {
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final AlertQueue queue = new AlertQueue();
    private final AlertSound sound;
    private final AlertActions actions;
    private final String actor;
    /** The status of an alert that ended before anyone acknowledged it (full words in the tooltip and title). */
    public static final String ENDED_UNSEEN = "ENDED — unseen";
    private final TableModel tableModel = new TableModel();
    private final JTable table = new JTable(tableModel);
    private final JButton acknowledge = new JButton("Acknowledge");
    private final JButton resolve = new JButton("Resolve");
    private final JToggleButton mute = new JToggleButton("Mute sound");
    private final JLabel title = new JLabel();
    private List<AlertQueue.Entry> rows = List.of();

    public AlertQueuePanel(AlertSound sound, AlertActions actions, String actor) {
        super(new BorderLayout(0, 6));
        this.sound = sound;
        this.actions = actions;
        this.actor = actor;
        setName("alerts");
        setBorder(BorderFactory.createEmptyBorder(8, 4, 8, 8));
        title.setFont(title.getFont().deriveFont(Font.BOLD, 15f));
        title.putClientProperty("FlatLaf.styleClass", "h3");
        add(title, BorderLayout.NORTH);

        table.setName("alertTable");
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setRowHeight(30);
        table.setFillsViewportHeight(true);
        int[] widths = {66, 48, 78, 76, 142}; // wide enough for "ENDED — unseen" and HH:mm:ss in bold
        for (int i = 0; i < widths.length; i++) table.getColumnModel().getColumn(i).setPreferredWidth(widths[i]);
        table.setDefaultRenderer(Object.class, new Renderer());
        table.getSelectionModel().addListSelectionListener(e -> updateButtons());
        add(new JScrollPane(table), BorderLayout.CENTER);

        acknowledge.setName("acknowledge");
        resolve.setName("resolve");
        mute.setName("mute");
        acknowledge.addActionListener(e -> act(true));
        resolve.setToolTipText("Resolve, and say what it was (optional): distress confirmed, false alarm (why), not checked");
        resolve.addActionListener(e -> {
            if (selectedId() != null) outcomeMenu().show(resolve, 0, resolve.getHeight());
        });
        mute.setToolTipText("Silence the audible cue for new alerts until un-muted or the shift ends. Alerts still show.");
        mute.addActionListener(e -> {
            sound.setMuted(mute.isSelected());
            mute.setText(mute.isSelected() ? "Sound muted" : "Mute sound");
        });
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0));
        buttons.add(acknowledge);
        buttons.add(resolve);
        buttons.add(mute);
        add(buttons, BorderLayout.SOUTH);
        refreshTitle();
        updateButtons();
    }

    /** Apply the events that arrived; sound the cue for new ones. EDT only. */
    public void apply(List<AlertEvent> events) {
        if (events.isEmpty()) return;
        String selected = selectedId();
        boolean cue = false;
        for (AlertEvent e : events) cue |= queue.apply(e);
        rows = queue.entries();
        tableModel.fireTableDataChanged();
        if (selected != null) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).alertId().equals(selected)) table.setRowSelectionInterval(i, i);
            }
        }
        if (cue) sound.cue();
        refreshTitle();
        updateButtons();
    }

    /** Reflect a mute that ended by itself (shift change) on the button. EDT only. */
    void syncMute() {
        boolean m = sound.muted();
        if (mute.isSelected() != m) {
            mute.setSelected(m);
            mute.setText(m ? "Sound muted" : "Mute sound");
        }
    }

    public AlertQueue queue() {
        return queue;
    }

    public JTable table() {
        return table;
    }

    public JButton acknowledgeButton() {
        return acknowledge;
    }

    public JButton resolveButton() {
        return resolve;
    }

    public JToggleButton muteButton() {
        return mute;
    }

    private String selectedId() {
        int r = table.getSelectedRow();
        return r >= 0 && r < rows.size() ? rows.get(r).alertId() : null;
    }

    private void act(boolean ack) {
        String id = selectedId();
        if (id == null) return;
        // The lifecycle owner answers with an event through onAlert; the queue updates from that.
        if (ack) actions.acknowledge(id, actor);
        else actions.resolve(id, actor);
    }

    /**
     * One click from the Resolve button's menu: the answer, or none. False alarm opens its reasons
     * (the first item: no reason). Nothing here is required to resolve.
     */
    JPopupMenu outcomeMenu() {
        JPopupMenu m = new JPopupMenu();
        m.setName("outcomeMenu");
        m.add(outcomeItem("Distress confirmed", Outcome.CONFIRMED, null));
        JMenu fa = new JMenu("False alarm");
        fa.setName("outcome-false-alarm");
        fa.add(outcomeItem("False alarm (no reason given)", Outcome.FALSE_ALARM, null));
        for (FalseAlarmReason r : FalseAlarmReason.values()) fa.add(outcomeItem("False alarm: " + r.label(), Outcome.FALSE_ALARM, r));
        m.add(fa);
        m.add(outcomeItem("Not checked", Outcome.NOT_CHECKED, null));
        m.addSeparator();
        m.add(outcomeItem("Resolve without answer", null, null));
        return m;
    }

    private JMenuItem outcomeItem(String text, Outcome o, FalseAlarmReason r) {
        JMenuItem it = new JMenuItem(text);
        it.setName("outcome-" + (o == null ? "none" : o.wire()) + (r == null ? "" : "-" + r.wire()));
        it.addActionListener(e -> resolveSelected(o, r));
        return it;
    }

    /** Resolve the selected alert with this answer (null = none). EDT only. */
    void resolveSelected(Outcome o, FalseAlarmReason r) {
        String id = selectedId();
        if (id == null) return;
        if (o == null) actions.resolve(id, actor);
        else actions.resolve(id, actor, o, r);
    }

    private void updateButtons() {
        int r = table.getSelectedRow();
        boolean sel = r >= 0 && r < rows.size();
        acknowledge.setEnabled(sel && !rows.get(r).acknowledged());
        resolve.setEnabled(sel);
    }

    private void refreshTitle() {
        long unack = rows.stream().filter(x -> !x.acknowledged() && !x.endedUnseen()).count();
        long ended = rows.stream().filter(AlertQueue.Entry::endedUnseen).count();
        long open = rows.size() - ended;
        if (rows.isEmpty()) title.setText("Alerts — none open");
        else if (ended == 0) title.setText("Alerts — " + open + " open, " + unack + " new");
        else title.setText("Alerts — " + open + " open, " + unack + " new, " + ended + " ended not yet seen");
    }

    private final class TableModel extends AbstractTableModel {
        private final String[] cols = {"Priority", "Bed", "What was seen", "Since", "Status"};

        @Override
        public int getRowCount() {
            return rows.size();
        }

        @Override
        public int getColumnCount() {
            return cols.length;
        }

        @Override
        public String getColumnName(int c) {
            return cols[c];
        }

        @Override
        public Object getValueAt(int r, int c) {
            AlertQueue.Entry e = rows.get(r);
            return switch (c) {
                case 0 -> e.priority();
                case 1 -> Defaults.bedLabel(e.bed());
                case 2 -> e.seen();
                case 3 -> e.raisedAt() == null ? String.format("t=%.0fs", e.raisedT()) : HMS.format(e.raisedAt());
                default -> e.endedUnseen() ? ENDED_UNSEEN
                        : e.acknowledged() ? "Ack'd" + (e.actor() == null ? "" : " (" + e.actor() + ")") : "NEW";
            };
        }
    }

    private final class Renderer extends DefaultTableCellRenderer {
        @Override
        public Component getTableCellRendererComponent(JTable t, Object value, boolean selected, boolean focus,
                                                       int row, int col) {
            super.getTableCellRendererComponent(t, value, selected, focus, row, col);
            AlertQueue.Entry e = rows.get(row);
            setFont(getFont().deriveFont(e.acknowledged() ? Font.PLAIN : Font.BOLD));
            if (col == 0 && !selected) {
                setBackground(e.priority() == AlertPriority.HIGH ? StateStyle.ALERT
                        : e.priority() == AlertPriority.MEDIUM ? StateStyle.BUILDING : StateStyle.CANNOT_ASSESS);
                setForeground(e.priority() == AlertPriority.MEDIUM ? Color.BLACK : Color.WHITE);
            } else if (!selected) {
                setBackground(t.getBackground());
                setForeground(t.getForeground());
            }
            setToolTipText("<html>" + (e.endedUnseen() ? "<b>Ended — not yet seen</b>: acknowledge to clear it.<br>" : "") + e.message() + (e.emotions().isEmpty() ? "" : "<br>" + e.emotions()) + "</html>");
            return this;
        }
    }
}
