package org.vigil.ui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.Font;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SwingWorker;
import org.vigil.base.Defaults;
import org.vigil.rules.BedOverrideWriter;
import org.vigil.rules.OverrideSuggester;

/**
 * Admin view: per-bed override suggestions learned from the nurses' answers. Nothing changes by itself:
 * each suggestion has an Apply button that asks for confirmation and the name of who applies it, then
 * writes the rules file (validated) and the running engine reloads it.
 */
public final class SuggestionsPanel extends JPanel {
    /** Replays are not free: they run again at most this often on their own ("Check now" any time). */
    static final Duration EVERY = Duration.ofMinutes(10);
    private final JLabel title = new JLabel("Suggestions");
    private final JPanel list = new JPanel();
    private final JLabel status = new JLabel(" ");
    private final String actor;
    private volatile SuggestionSource source;
    private volatile long lastRun;
    private boolean running;
    private List<OverrideSuggester.Suggestion> shown = List.of();

    public SuggestionsPanel(String actor) {
        super(new BorderLayout(0, 4));
        this.actor = actor;
        setName("suggestions");
        setBorder(BorderFactory.createEmptyBorder(6, 12, 12, 12));
        title.setFont(title.getFont().deriveFont(Font.BOLD, 14f));
        JButton check = new JButton("Check now");
        check.setName("checkSuggestions");
        check.addActionListener(e -> refresh());
        JPanel head = new JPanel(new BorderLayout());
        head.add(title, BorderLayout.CENTER);
        head.add(check, BorderLayout.EAST);
        add(head, BorderLayout.NORTH);
        list.setLayout(new BoxLayout(list, BoxLayout.Y_AXIS));
        add(list, BorderLayout.CENTER);
        status.setName("suggestionStatus");
        add(status, BorderLayout.SOUTH);
        show(null);
    }

    /** Uses this source from now on and checks at once. EDT only. */
    public void source(SuggestionSource s) {
        source = s;
        refresh();
    }

    /** Checks again when the last check is older than {@link #EVERY}. EDT only. */
    public void refreshIfStale() {
        if (System.nanoTime() - lastRun > EVERY.toNanos()) refresh();
    }

    /** Computes the suggestions on a worker thread and shows them. EDT only. */
    public void refresh() {
        SuggestionSource src = source;
        if (src == null || running) return;
        running = true;
        lastRun = System.nanoTime();
        new SwingWorker<List<OverrideSuggester.Suggestion>, Void>() {
            @Override
            protected List<OverrideSuggester.Suggestion> doInBackground() throws Exception {
                return src.get();
            }

            @Override
            protected void done() {
                running = false;
                try {
                    show(get());
                } catch (Exception e) {
                    status.setText("Cannot compute suggestions: " + rootMessage(e));
                }
            }
        }.execute();
    }

    /** Shows these suggestions (null: no alert database). EDT only. */
    void show(List<OverrideSuggester.Suggestion> suggestions) {
        list.removeAll();
        shown = suggestions == null ? List.of() : List.copyOf(suggestions);
        if (suggestions == null) {
            title.setText("Suggestions — need the alert database (alerts kept in memory only)");
        } else if (suggestions.isEmpty()) {
            title.setText("Suggestions — none: no bed has too many false alarms among its judged alerts");
        } else {
            title.setText("Suggestions — per-bed overrides learned from the nurses' answers (applied only by a person)");
            for (OverrideSuggester.Suggestion s : suggestions) list.add(row(s));
        }
        list.revalidate();
        list.repaint();
    }

    private JPanel row(OverrideSuggester.Suggestion s) {
        JPanel row = new JPanel(new BorderLayout(8, 0));
        row.setName("suggestion-" + s.bed());
        row.setBorder(BorderFactory.createCompoundBorder(BorderFactory.createMatteBorder(0, 0, 1, 0, new Color(0, 0, 0, 40)),
                BorderFactory.createEmptyBorder(4, 0, 4, 0)));
        JTextArea text = new JTextArea(describe(s));
        text.setName("suggestionText-" + s.bed());
        text.setEditable(false);
        text.setOpaque(false);
        text.setLineWrap(true);
        text.setWrapStyleWord(true);
        row.add(text, BorderLayout.CENTER);
        if (s.actionable()) {
            JButton apply = new JButton("Apply…");
            apply.setName("apply-" + s.bed());
            apply.addActionListener(e -> confirmAndApply(s));
            JPanel p = new JPanel(new FlowLayout(FlowLayout.RIGHT, 0, 0));
            p.add(apply);
            row.add(p, BorderLayout.EAST);
        }
        return row;
    }

    /** What the admin reads: the share, the change and what it did on the recorded scores, or why there is none. */
    static String describe(OverrideSuggester.Suggestion s) {
        String bed = Defaults.bedLabel(s.bed());
        if (s.ruleId() == null) return bed + ": " + s.cannot();
        String head = String.format(Locale.ROOT, "%s: %d of the last %d judged alerts were false alarms (%.0f%%). Now: %s.", bed,
                s.falseAlarms(), s.judged(), 100 * s.falseShare(), s.current());
        if (!s.actionable()) return head + "\nNo suggestion: " + s.cannot();
        return head + String.format(Locale.ROOT, "\nSuggested: %s — replayed on %d recorded seconds it removes %d of %d false alarms"
                + " and still raises %d of %d confirmed alerts.", s.best().change(), s.samples(), s.best().falseRemoved(),
                s.falseReplayed(), s.best().confirmedKept(), s.confirmedReplayed());
    }

    private void confirmAndApply(OverrideSuggester.Suggestion s) {
        JTextField name = new JTextField(actor == null ? "" : actor, 18);
        name.setName("applyBy");
        JPanel msg = new JPanel();
        msg.setLayout(new BoxLayout(msg, BoxLayout.Y_AXIS));
        msg.add(new JLabel("Write this override for " + Defaults.bedLabel(s.bed()) + " into the rules file?"));
        msg.add(new JLabel(s.best().change() + " (rule " + s.ruleId() + ")"));
        msg.add(new JLabel(String.format(Locale.ROOT, "On the recorded scores: %d of %d false alarms removed, %d of %d confirmed still raised.",
                s.best().falseRemoved(), s.falseReplayed(), s.best().confirmedKept(), s.confirmedReplayed())));
        msg.add(Box.createVerticalStrut(8));
        msg.add(new JLabel("Applied by (kept in the configuration audit):"));
        msg.add(name);
        JOptionPane pane = new JOptionPane(msg, JOptionPane.QUESTION_MESSAGE, JOptionPane.OK_CANCEL_OPTION);
        JDialog dialog = pane.createDialog(this, "Apply the suggestion for " + Defaults.bedLabel(s.bed()) + "?");
        dialog.setName("applyDialog");
        dialog.setVisible(true); // modal
        if (!Integer.valueOf(JOptionPane.OK_OPTION).equals(pane.getValue())) return;
        String by = name.getText().strip();
        if (by.isEmpty()) {
            status.setText("Not applied: a name is needed (who applies it is kept in the audit).");
            return;
        }
        SuggestionSource src = source;
        status.setText("Applying…");
        new SwingWorker<BedOverrideWriter.Applied, Void>() {
            @Override
            protected BedOverrideWriter.Applied doInBackground() throws Exception {
                return src.apply(s, by);
            }

            @Override
            protected void done() {
                try {
                    BedOverrideWriter.Applied a = get();
                    status.setText("Applied by " + by + " to " + a.file().getFileName() + ": " + String.join("; ", a.diff()) + " — in force now.");
                } catch (Exception e) {
                    status.setText("Not applied: " + rootMessage(e));
                }
                refresh();
            }
        }.execute();
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null) c = c.getCause();
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    public String titleText() {
        return title.getText();
    }

    public String statusText() {
        return status.getText();
    }

    /** The suggestions shown now. EDT only. */
    public List<OverrideSuggester.Suggestion> shown() {
        return new ArrayList<>(shown);
    }
}
