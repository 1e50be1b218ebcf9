package org.vigil.bench;

import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.swing.SwingUtilities;
import org.vigil.app.Settings;
import org.vigil.capture.SourceSpec;
import org.vigil.pipeline.PipelineStats;
import org.vigil.ui.Dashboard;
import org.vigil.ui.DashboardApp;
import org.vigil.ui.PipelineBackend;

/**
 * The nurse dashboard as {@code ./run.sh --source ... --loop} opens it ({@link DashboardApp#openMonitoring}:
 * window, {@link PipelineBackend}, durable alert store, config watch), on the soak's beds, for a soak to sample.
 * The dashboard picks its own detector and classification rate, as it does for a nurse.
 */
final class DashboardSoak implements SoakSubject {
    private final Dashboard dashboard;
    private final PipelineBackend backend;
    private DashboardSoakProbe probe;

    private DashboardSoak(Dashboard dashboard, PipelineBackend backend) {
        this.dashboard = dashboard;
        this.backend = backend;
    }

    /**
     * Opens the window and waits (at most 2 minutes) until its pipeline runs.
     *
     * @throws IllegalStateException without a display, or when the pipeline does not start
     */
    static DashboardSoak open(Settings s) throws Exception {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IllegalStateException("the dashboard soak needs a display: run it as  xvfb-run -a ./run.sh bench soak --dashboard ...");
        }
        List<String> sources = s.sources().stream().map(SourceSpec::location).toList();
        List<String> beds = s.sources().stream().map(SourceSpec::bed).toList();
        Dashboard d = DashboardApp.openMonitoring(new DashboardApp.Options(sources, beds, null, s.model(), s.rules(),
                false, null, false, s.alertsDb(), true));
        DashboardSoak soak = new DashboardSoak(d, (PipelineBackend) d.backend());
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (soak.stats() == null || soak.stats().totalFrames() == 0) {
            if (System.nanoTime() > end) {
                soak.close();
                throw new IllegalStateException("the dashboard's pipeline did not start within 2 minutes");
            }
            Thread.sleep(200);
        }
        return soak;
    }

    Dashboard dashboard() {
        return dashboard;
    }

    @Override
    public PipelineStats stats() {
        return backend.stats();
    }

    @Override
    public void begin() throws InterruptedException {
        probe = new DashboardSoakProbe(dashboard);
    }

    @Override
    public DashboardSoakProbe.Interval ui() throws InterruptedException {
        return probe.next();
    }

    /** Closes the window as a nurse would, then waits for its pipeline to stop (it stops on a thread of its own). */
    @Override
    public void close() throws InterruptedException, InvocationTargetException {
        SwingUtilities.invokeAndWait(() -> dashboard.frame().dispose());
        SwingUtilities.invokeAndWait(() -> { }); // the window-closed handlers (alert store closed) have run
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("vigil-dashboard-close")) t.join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}
