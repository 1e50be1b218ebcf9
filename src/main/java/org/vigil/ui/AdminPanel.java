package org.vigil.ui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Font;
import java.awt.GridLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.text.BadLocationException;
import javax.swing.text.DefaultHighlighter;
import org.vigil.classify.ModelMetadata;

/**
 * Read-only view of the alerts configuration and the model. Validation errors are listed and the
 * offending lines are highlighted in the file text, so the admin sees where the file is wrong.
 */
public final class AdminPanel extends JPanel {
    private static final Pattern LOCATED = Pattern.compile("^(.*):(\\d+):(\\d+): (.*)$");
    private static final Color ERROR_BG = new Color(255, 82, 82, 90);

    private JTextArea errors;
    private JTextArea configText;
    private List<Integer> highlightedLines;

    public AdminPanel(AdminInfo info) {
        super(new GridLayout(1, 2, 12, 0));
        setName("admin");
        setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        show(info);
    }

    /** Show another state (after a configuration reload). EDT only. */
    public void show(AdminInfo info) {
        removeAll();
        errors = new JTextArea();
        highlightedLines = new ArrayList<>();

        JPanel config = new JPanel(new BorderLayout(0, 6));
        config.add(heading("Alerts configuration" + (info.configPath() == null ? "" : " — " + info.configPath())),
                BorderLayout.NORTH);
        StringBuilder text = new StringBuilder();
        // Where each file's line 1 lands in the shown text, to place the error highlights.
        Map<String, Integer> firstLine = new java.util.HashMap<>();
        int line = 0;
        for (Path f : info.configFiles()) {
            text.append("# ─── ").append(f.getFileName()).append(" ───\n");
            line++;
            firstLine.put(f.toString(), line);
            try {
                String s = Files.readString(f);
                text.append(s);
                if (!s.endsWith("\n")) text.append('\n');
                line += s.split("\n", -1).length - (s.endsWith("\n") ? 1 : 0);
            } catch (IOException e) {
                text.append("(cannot read: ").append(e.getMessage()).append(")\n");
                line++;
            }
        }
        configText = mono(info.configFiles().isEmpty() ? "(no alerts configuration loaded)" : text.toString());
        configText.setName("configText");
        for (String err : info.configErrors()) {
            Matcher m = LOCATED.matcher(err);
            if (!m.matches()) continue;
            Integer base = firstLine.get(m.group(1));
            int l = Integer.parseInt(m.group(2));
            if (base == null || l <= 0) continue;
            highlight(base + l - 1);
        }
        config.add(new JScrollPane(configText), BorderLayout.CENTER);
        errors.setName("configErrors");
        errors.setEditable(false);
        errors.setLineWrap(true);
        errors.setWrapStyleWord(true);
        errors.setOpaque(false);
        if (info.configErrors().isEmpty()) {
            errors.setText(info.configFiles().isEmpty() ? "" : "Valid: these rules are in force.");
            errors.setFont(errors.getFont().deriveFont(Font.BOLD));
            errors.setForeground(StateStyle.CALM.darker());
        } else {
            // Errors name files by full path; the heading already says which folder.
            List<String> shown = new ArrayList<>();
            for (String e : info.configErrors()) {
                String s = e;
                for (Path f : info.configFiles()) {
                    if (f.getParent() != null && s.startsWith(f.getParent() + "/")) s = s.substring(f.getParent().toString().length() + 1);
                }
                shown.add(s);
            }
            errors.setText("This configuration is NOT in force. Problems:\n• " + String.join("\n• ", shown));
            errors.setForeground(new Color(0xC62828));
            errors.setFont(errors.getFont().deriveFont(Font.BOLD));
        }
        config.add(errors, BorderLayout.SOUTH);
        add(config);

        JPanel model = new JPanel(new BorderLayout(0, 6));
        model.add(heading("Emotion model" + (info.modelPath() == null ? "" : " — " + info.modelPath().getFileName())),
                BorderLayout.NORTH);
        JTextArea m = mono(describe(info.modelPath(), info.model(), info.modelError()));
        m.setName("modelText");
        model.add(new JScrollPane(m), BorderLayout.CENTER);
        add(model);
        revalidate();
        repaint();
    }

    private void highlight(int zeroBasedLine) {
        try {
            int start = configText.getLineStartOffset(zeroBasedLine), end = configText.getLineEndOffset(zeroBasedLine);
            configText.getHighlighter().addHighlight(start, end, new DefaultHighlighter.DefaultHighlightPainter(ERROR_BG));
            highlightedLines.add(zeroBasedLine);
        } catch (BadLocationException e) {
            // error points past the end of the text: the list below still names it
        }
    }

    public String errorsText() {
        return errors.getText();
    }

    /** Text of the highlighted lines (the ones the errors point at). */
    public List<String> highlightedLines() {
        List<String> out = new ArrayList<>();
        for (int l : highlightedLines) {
            try {
                int s = configText.getLineStartOffset(l), e = configText.getLineEndOffset(l);
                out.add(configText.getText(s, e - s).stripTrailing());
            } catch (BadLocationException ex) {
                // skipped
            }
        }
        return out;
    }

    static String describe(Path path, ModelMetadata md, String error) {
        if (md == null) return error == null ? "(no model loaded)" : "No model loaded:\n" + error;
        StringBuilder sb = new StringBuilder();
        if (path != null) sb.append("file:          ").append(path).append('\n');
        sb.append("name:          ").append(md.name()).append('\n');
        sb.append("architecture:  ").append(md.architecture()).append('\n');
        sb.append("engine:        ").append(md.engine()).append('\n');
        sb.append("labels:        ").append(String.join(", ", md.labels())).append('\n');
        sb.append("input:         ").append(md.inputWidth()).append('x').append(md.inputHeight()).append(' ')
                .append(md.layout()).append(", ").append(md.preprocessing()).append('\n');
        sb.append("parameters:    ").append(md.parameters()).append('\n');
        sb.append("training data: ").append(md.trainingData()).append('\n');
        sb.append("created:       ").append(md.created()).append('\n');
        for (Map.Entry<String, Double> e : md.metrics().entrySet()) {
            sb.append(String.format("%-15s%.4f%n", e.getKey() + ":", e.getValue()));
        }
        return sb.toString();
    }

    private static JLabel heading(String s) {
        JLabel l = new JLabel(s);
        l.setFont(l.getFont().deriveFont(Font.BOLD, 15f));
        return l;
    }

    private static JTextArea mono(String s) {
        JTextArea t = new JTextArea(s);
        t.setEditable(false);
        t.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 13));
        t.setCaretPosition(0);
        return t;
    }
}
