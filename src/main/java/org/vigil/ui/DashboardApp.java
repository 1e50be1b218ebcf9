package org.vigil.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import org.vigil.classify.ModelFile;
import org.vigil.classify.ModelMetadata;

/** Puts the dashboard together from command-line choices: beds and sources, theme, privacy, backend. */
public final class DashboardApp {
    /** What the user asked for on the command line. */
    public record Options(List<String> sources, List<String> beds, Path ward, Path model, Path alertsConfig,
                          boolean dark, PrivacyMode privacy, boolean publicView) {}

    private DashboardApp() {}

    /** bed -> source, in display order; a ward file wins over --source; no source at all means camera:0. */
    public static Map<String, String> bedSources(Options o, WardFile ward) {
        Map<String, String> out = new LinkedHashMap<>();
        if (ward != null) {
            for (WardFile.Bed b : ward.beds()) out.put(b.name(), b.source());
            return out;
        }
        List<String> sources = o.sources().isEmpty() ? List.of("camera:0") : o.sources();
        for (int i = 0; i < sources.size(); i++) {
            String name = i < o.beds().size() ? o.beds().get(i) : "Bed " + (i + 1);
            out.put(name, sources.get(i));
        }
        return out;
    }

    /** Open the dashboard and return once it is showing. */
    public static Dashboard open(Options o, MonitorBackend backend) throws IOException {
        WardFile ward = o.ward() == null ? null : WardFile.load(o.ward());
        Map<String, String> beds = bedSources(o, ward);
        boolean publicView = o.publicView() || (ward != null && ward.publicView());
        PrivacyMode privacy = o.privacy() != null ? o.privacy() : publicView ? PrivacyMode.BLUR_FACES : PrivacyMode.OFF;
        AdminInfo admin = adminInfo(o.alertsConfig(), o.model());
        DashboardModel model = new DashboardModel();
        beds.keySet().forEach(model::bed);
        Dashboard.Config cfg = new Dashboard.Config(ward == null ? null : ward.name(), o.dark(), privacy, publicView,
                System.getProperty("user.name", "nurse"), admin,
                bed -> "Thresholds come from the alerts configuration"
                        + (o.alertsConfig() == null ? " (none loaded)." : ": " + o.alertsConfig()),
                bed -> Double.NaN);
        AtomicReference<Dashboard> ref = new AtomicReference<>();
        CountDownLatch shown = new CountDownLatch(1);
        SwingUtilities.invokeLater(() -> {
            Dashboard.applyTheme(o.dark());
            Dashboard d = new Dashboard(model, backend, null, new AlertSound(), cfg);
            ref.set(d);
            d.show();
            beds.forEach(d::switchSource);
            shown.countDown();
        });
        try {
            shown.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ref.get();
    }

    /** Block until the window is closed. */
    public static void awaitClose(Dashboard d) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        SwingUtilities.invokeLater(() -> {
            if (!d.frame().isDisplayable()) closed.countDown();
            d.frame().addWindowListener(new java.awt.event.WindowAdapter() {
                @Override
                public void windowClosed(java.awt.event.WindowEvent e) {
                    closed.countDown();
                }
            });
        });
        closed.await();
    }

    /** Read the alerts config and model metadata for the admin panel, collecting problems instead of failing. */
    public static AdminInfo adminInfo(Path config, Path model) {
        String text = null;
        List<String> errors = new ArrayList<>();
        if (config != null) {
            try {
                text = Files.readString(config);
                new ObjectMapper(new YAMLFactory()).readTree(text);
            } catch (JsonProcessingException e) {
                errors.add("line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                        + e.getOriginalMessage());
            } catch (IOException e) {
                errors.add("cannot read " + config + ": " + e.getMessage());
            }
        }
        ModelMetadata md = null;
        String modelError = null;
        if (model != null) {
            try {
                md = ModelFile.readMetadata(model);
            } catch (RuntimeException e) {
                modelError = e.getMessage();
            }
        } else {
            modelError = "no model given (--model)";
        }
        return new AdminInfo(config, text, errors, model, md, modelError);
    }
}
