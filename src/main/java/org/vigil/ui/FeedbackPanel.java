package org.vigil.ui;

import java.awt.BorderLayout;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.table.DefaultTableModel;
import org.vigil.alerts.FeedbackStats;

/** The ward's nurse-feedback figures of the last 24 h (admin view): ward, per bed, per rule, per shift. */
public final class FeedbackPanel extends JPanel {
    static final String[] COLUMNS = {"", "Alerts", "Per bed-hour", "Confirmed", "False", "Not checked", "Ended unseen",
            "Still unseen", "Ack median"};
    private final JLabel title = new JLabel("Nurse feedback — last 24 h");
    private final DefaultTableModel rows = new DefaultTableModel(COLUMNS, 0) {
        @Override
        public boolean isCellEditable(int r, int c) {
            return false;
        }
    };
    private final JTable table = new JTable(rows);

    public FeedbackPanel() {
        super(new BorderLayout(0, 6));
        setName("feedback");
        setBorder(BorderFactory.createEmptyBorder(0, 12, 12, 12));
        title.setFont(title.getFont().deriveFont(Font.BOLD, 14f));
        add(title, BorderLayout.NORTH);
        table.setName("feedbackTable");
        table.setRowHeight(24);
        int[] widths = {120, 50, 90, 85, 85, 85, 95, 90, 80};
        for (int i = 0; i < widths.length; i++) table.getColumnModel().getColumn(i).setPreferredWidth(widths[i]);
        add(new JScrollPane(table), BorderLayout.CENTER);
        show(null);
    }

    /** Show a report (null: no alert database). EDT only. */
    public void show(FeedbackStats.Report r) {
        rows.setRowCount(0);
        if (r == null) {
            title.setText("Nurse feedback — no alert database (alerts are kept in memory only)");
            return;
        }
        title.setText(String.format(Locale.ROOT, "Nurse feedback — last 24 h, %d bed(s); shares are of the judged alerts"
                + " (confirmed + false)", r.beds()));
        add("Ward", r.ward());
        for (FeedbackStats.Row x : r.perBed()) add(org.vigil.base.Defaults.bedLabel(x.key()), x);
        for (FeedbackStats.Row x : r.perRule()) add("Rule " + x.key(), x);
        for (FeedbackStats.Row x : r.perShift()) add("Shift " + x.key(), x);
    }

    private void add(String label, FeedbackStats.Row x) {
        List<Object> v = new ArrayList<>();
        v.add(label);
        v.add(x.alerts());
        v.add(Double.isNaN(x.perBedHour()) ? "-" : String.format(Locale.ROOT, "%.2f", x.perBedHour()));
        v.add(share(x.confirmed(), x.confirmedShare()));
        v.add(share(x.falseAlarms(), x.falseShare()));
        v.add(x.notChecked());
        v.add(x.endedUnseen());
        v.add(x.stillUnseen());
        v.add(Double.isNaN(x.ackMedianS()) ? "-" : StateStyle.duration(x.ackMedianS()));
        rows.addRow(v.toArray());
    }

    static String share(int n, double share) {
        return Double.isNaN(share) ? String.valueOf(n) : String.format(Locale.ROOT, "%d (%.0f%%)", n, 100 * share);
    }

    /** One line per figure for a bed (bed detail). */
    static String describe(FeedbackStats.Row x) {
        if (x == null) return "No alert database: figures need the durable alert log.";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d alert(s), %s per bed-hour%n", x.alerts(),
                Double.isNaN(x.perBedHour()) ? "-" : String.format(Locale.ROOT, "%.2f", x.perBedHour())));
        sb.append(String.format(Locale.ROOT, "Confirmed %s · false %s · not checked %d · no answer %d%n",
                share(x.confirmed(), x.confirmedShare()), share(x.falseAlarms(), x.falseShare()), x.notChecked(), x.noAnswer()));
        if (!x.falseReasons().isEmpty()) sb.append("False alarms: ").append(x.falseReasons()).append('\n');
        sb.append(String.format(Locale.ROOT, "Ended unseen %d (still unseen %d) · acknowledged in %s (median)",
                x.endedUnseen(), x.stillUnseen(), Double.isNaN(x.ackMedianS()) ? "-" : StateStyle.duration(x.ackMedianS())));
        return sb.toString();
    }

    public JTable table() {
        return table;
    }

    public String titleText() {
        return title.getText();
    }
}
