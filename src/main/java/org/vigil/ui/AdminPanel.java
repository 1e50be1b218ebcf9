package org.vigil.ui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Font;
import java.awt.GridLayout;
import java.util.Map;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import org.vigil.classify.ModelMetadata;

/** Read-only view of the alerts configuration and the model, with validation errors where the file is wrong. */
public final class AdminPanel extends JPanel {
    private final JTextArea errors = new JTextArea();

    public AdminPanel(AdminInfo info) {
        super(new GridLayout(1, 2, 12, 0));
        setName("admin");
        setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));

        JPanel config = new JPanel(new BorderLayout(0, 6));
        config.add(heading("Alerts configuration" + (info.configPath() == null ? "" : " — " + info.configPath())),
                BorderLayout.NORTH);
        JTextArea text = mono(info.configText() == null ? "(no alerts configuration loaded)" : info.configText());
        text.setName("configText");
        config.add(new JScrollPane(text), BorderLayout.CENTER);
        errors.setName("configErrors");
        errors.setEditable(false);
        errors.setLineWrap(true);
        errors.setWrapStyleWord(true);
        if (info.configErrors().isEmpty()) {
            errors.setText(info.configText() == null ? "" : "Valid.");
            errors.setForeground(StateStyle.CALM);
        } else {
            errors.setText("Problems in this file:\n• " + String.join("\n• ", info.configErrors()));
            errors.setForeground(new Color(0xC62828));
            errors.setFont(errors.getFont().deriveFont(Font.BOLD));
        }
        config.add(errors, BorderLayout.SOUTH);
        add(config);

        JPanel model = new JPanel(new BorderLayout(0, 6));
        model.add(heading("Emotion model" + (info.modelPath() == null ? "" : " — " + info.modelPath())),
                BorderLayout.NORTH);
        JTextArea m = mono(describe(info.model(), info.modelError()));
        m.setName("modelText");
        model.add(new JScrollPane(m), BorderLayout.CENTER);
        add(model);
    }

    public String errorsText() {
        return errors.getText();
    }

    static String describe(ModelMetadata md, String error) {
        if (md == null) return error == null ? "(no model loaded)" : "No model loaded: " + error;
        StringBuilder sb = new StringBuilder();
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
