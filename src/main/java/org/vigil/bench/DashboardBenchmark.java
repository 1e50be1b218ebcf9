package org.vigil.bench;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertTransition;
import org.vigil.base.Defaults;
import org.vigil.detect.FaceDetector;
import org.vigil.pipeline.BedState;
import org.vigil.pipeline.BedStatus;
import org.vigil.detect.FaceBox;
import org.vigil.pipeline.FrameSnapshot;
import org.vigil.rules.Assessability;
import org.vigil.ui.AdminInfo;
import org.vigil.ui.AlertSound;
import org.vigil.ui.Dashboard;
import org.vigil.ui.DashboardModel;
import org.vigil.ui.MonitorBackend;
import org.vigil.ui.PrivacyMode;

/**
 * The dashboard's own cost, apart from the pipeline: real frames of a clip (decoded and face-detected
 * once, beforehand) are published to a real dashboard window through the pipeline event API, at the
 * rate the pipeline sends snapshots, for N beds, with statuses and an alert now and then. Measures
 * frame-to-screen latency (onFrame to the tile having painted that frame) and the CPU time of the
 * Swing event thread and of the listener calls (where the privacy filter runs).
 */
public final class DashboardBenchmark {
    public record Result(int beds, PrivacyMode privacy, double fps, int frames, double p50, double p95, double p99,
                         double edtCpuPercent, double listenerCpuPercent, double seconds) {}

    private final List<FrameSnapshot> clip;

    private DashboardBenchmark(List<FrameSnapshot> clip) {
        this.clip = clip;
    }

    /** Decode {@code count} frames of the clip at {@code fps} and find their faces (done before measuring). */
    public static DashboardBenchmark prepare(Path video, int count, double fps, FaceDetector detector) throws Exception {
        List<FrameSnapshot> frames = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toString());
             Java2DFrameConverter conv = new Java2DFrameConverter();
             OpenCVFrameConverter.ToMat toMat = new OpenCVFrameConverter.ToMat()) {
            g.start();
            double next = 0;
            Frame f;
            while (frames.size() < count && (f = g.grabImage()) != null) {
                double t = g.getTimestamp() / 1e6;
                if (t < next) continue;
                next = t + 1 / fps;
                BufferedImage src = conv.getBufferedImage(f);
                BufferedImage img = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
                img.getGraphics().drawImage(src, 0, 0, null);
                List<FaceBox> faces = detector.detect(toMat.convert(f));
                FaceBox patient = faces.stream().max(Comparator.comparingInt(FaceBox::area)).orElse(null);
                frames.add(new FrameSnapshot("", t, img, faces, patient));
            }
        }
        if (frames.isEmpty()) throw new IllegalArgumentException("no frames decoded from " + video);
        return new DashboardBenchmark(frames);
    }

    public Result run(int beds, PrivacyMode privacy, double fps, double seconds) throws Exception {
        DashboardModel model = new DashboardModel();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < beds; i++) names.add(Defaults.bedId(i));
        names.forEach(model::bed);
        MonitorBackend none = new MonitorBackend() {
            @Override
            public void start(String bed, String source, org.vigil.pipeline.PipelineListener l) {}

            @Override
            public void close() {}
        };
        AtomicReference<Dashboard> ref = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            Dashboard.applyTheme(false);
            Dashboard d = new Dashboard(model, none, null, muted(), new Dashboard.Config("Benchmark", false, privacy,
                    false, "bench", AdminInfo.none(), b -> "", b -> Double.NaN));
            d.frame().setSize(1440, 900);
            d.show();
            ref.set(d);
        });
        Dashboard dash = ref.get();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Thread.sleep(1500); // window up, first paints done: measure the steady state
        dash.latency().reset();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong listenerCpu = new AtomicLong();
        List<Thread> feeders = new ArrayList<>();
        for (int b = 0; b < beds; b++) {
            String bed = names.get(b);
            int offset = b * 7;
            Thread t = new Thread(() -> feed(model, bed, offset, fps, running, listenerCpu, mx), "bench-feed-" + bed);
            t.setDaemon(true);
            feeders.add(t);
        }
        SwingThreadCpu edt = new SwingThreadCpu();
        SwingThreadCpu.Reading edt0 = edt.read();
        long wall0 = System.nanoTime();
        feeders.forEach(Thread::start);
        Thread.sleep((long) (seconds * 1000));
        running.set(false);
        for (Thread t : feeders) t.join(2000);
        long wall = System.nanoTime() - wall0;
        double edtPercent = edt.read().busyPercentSince(edt0);
        var probe = dash.latency();
        Result r = new Result(beds, privacy, fps, probe.count(), probe.percentileMillis(50), probe.percentileMillis(95),
                probe.percentileMillis(99), edtPercent, 100.0 * listenerCpu.get() / wall, wall / 1e9);
        SwingUtilities.invokeAndWait(() -> dash.frame().dispose());
        return r;
    }

    private static AlertSound muted() {
        AlertSound s = new AlertSound();
        s.setMuted(true);
        return s;
    }

    /** One bed's stream of events, as the pipeline sends them: frames at fps, statuses at 5 Hz, an alert every 20 s. */
    private void feed(DashboardModel model, String bed, int offset, double fps, AtomicBoolean running,
                      AtomicLong listenerCpu, ThreadMXBean mx) {
        long period = (long) (1e9 / fps);
        // Cameras do not tick in step with the repaint timer: random phase and +-25 % jitter per frame,
        // so the latency samples cover every phase instead of one lucky (or unlucky) alignment.
        java.util.Random rnd = new java.util.Random(offset);
        long next = System.nanoTime() + (long) (rnd.nextDouble() * period);
        int i = 0;
        double t = 0;
        int alerts = 0;
        while (running.get()) {
            FrameSnapshot src = clip.get((i + offset) % clip.size());
            FrameSnapshot f = new FrameSnapshot(bed, t, src.image(), src.faces(), src.patient());
            long c0 = mx.getCurrentThreadCpuTime();
            model.onFrame(f);
            if (i % Math.max(1, (int) Math.round(fps / 5)) == 0) {
                double sad = 0.3 + 0.3 * Math.sin(t / 7 + offset);
                model.onStatus(new BedStatus(bed, t, sad > 0.5 ? BedState.DISTRESS_BUILDING : BedState.CALM,
                        Assessability.OK, Map.of("sad", sad, "neutral", 1 - sad), 0.9, Math.floor(t / 10) * 10,
                        src.patient(), fps));
            }
            if (t >= 20 * (alerts + 1)) {
                alerts++;
                model.onAlert(new AlertEvent(bed + "-" + alerts, bed, AlertKind.DISTRESS, AlertPriority.MEDIUM,
                        AlertTransition.RAISED, t, Instant.now(), Map.of("sad", 0.7), "distress", "bench", "system"));
            }
            listenerCpu.addAndGet(mx.getCurrentThreadCpuTime() - c0);
            i++;
            t += 1 / fps;
            next += (long) (period * (0.75 + 0.5 * rnd.nextDouble()));
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
