package org.vigil.ui;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.vigil.app.Detection;
import org.vigil.base.Defaults;
import org.vigil.detect.FaceDetector;
import org.vigil.detect.FaceBox;
import java.util.Comparator;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.pipeline.PipelineListener;

/**
 * Video and face boxes only, no emotion analysis: decodes each source and sends frames (with the faces
 * found) and source states, so the dashboard
 * can show cameras and files while the analysis pipeline is not available. Paces files at their own
 * frame rate (a file stands in for a live camera).
 */
public final class PreviewBackend implements MonitorBackend {
    private static final Logger LOG = LoggerFactory.getLogger(PreviewBackend.class);
    /** Live views do not need more; decoding every frame would only cost CPU. */
    private static final double MAX_FPS = 12;

    private final Map<String, Worker> workers = new ConcurrentHashMap<>();
    private final boolean loop;
    private final Supplier<FaceDetector> detectors;

    /**
     * @param detectors makes one face detector per source thread (detectors are not thread-safe), or null
     *                  for video without face boxes. With boxes, privacy blur can target faces.
     */
    public PreviewBackend(boolean loopFiles, Supplier<FaceDetector> detectors) {
        this.loop = loopFiles;
        this.detectors = detectors;
    }

    /** The default detector ({@link Detection#defaults()}: YuNet when found, else Haar) at the default size. */
    public static Supplier<FaceDetector> defaultDetectors() {
        Detection det = Detection.defaults();
        return () -> det.create(Defaults.DETECT_MAX_SIDE);
    }

    @Override
    public void start(String bed, String source, PipelineListener listener) {
        Worker old = workers.remove(bed);
        if (old != null) old.stop();
        Worker w = new Worker(bed, source, listener);
        workers.put(bed, w);
        w.thread.start();
    }

    @Override
    public void close() {
        workers.values().forEach(Worker::stop);
        workers.clear();
    }

    /** /dev/videoN for camera:N, or null when the source is not a camera. */
    public static String cameraDevice(String source) {
        if (source == null || !source.startsWith("camera:")) return null;
        return "/dev/video" + source.substring("camera:".length()).trim();
    }

    private final class Worker implements Runnable {
        final String bed, source;
        final PipelineListener out;
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread thread;

        Worker(String bed, String source, PipelineListener out) {
            this.bed = bed;
            this.source = source;
            this.out = out;
            this.thread = new Thread(this, "vigil-preview-" + bed);
            this.thread.setDaemon(true);
        }

        void stop() {
            running.set(false);
            thread.interrupt();
        }

        @Override
        public void run() {
            String device = cameraDevice(source);
            if (device != null && !Files.exists(Path.of(device))) {
                out.onSourceState(bed, org.vigil.capture.SourceState.OFFLINE, "No camera found (" + device + "). Choose a video file or stream URL.");
                return;
            }
            if (device == null && !source.contains("://") && !Files.isReadable(Path.of(source))) {
                out.onSourceState(bed, org.vigil.capture.SourceState.OFFLINE, "Video file not found: " + source);
                return;
            }
            out.onSourceState(bed, org.vigil.capture.SourceState.CONNECTING, source);
            do {
                try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(device != null ? device : source);
                     Java2DFrameConverter conv = new Java2DFrameConverter();
                     OpenCVFrameConverter.ToMat toMat = new OpenCVFrameConverter.ToMat();
                     FaceDetector detector = detectors == null ? null : detectors.get()) {
                    if (device != null) grabber.setFormat("video4linux2");
                    grabber.start();
                    out.onSourceState(bed, org.vigil.capture.SourceState.RUNNING, "video only — analysis not running");
                    long startNanos = System.nanoTime();
                    double lastSent = -1;
                    Frame f;
                    while (running.get() && (f = grabber.grabImage()) != null) {
                        double t = grabber.getTimestamp() / 1e6;
                        if (device == null) {
                            long due = startNanos + (long) (t * 1e9);
                            long wait = due - System.nanoTime();
                            if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        if (t - lastSent < 1 / MAX_FPS) continue;
                        lastSent = t;
                        BufferedImage img = conv.getBufferedImage(f);
                        BufferedImage copy = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
                        copy.getGraphics().drawImage(img, 0, 0, null);
                        List<FaceBox> faces = detector == null ? List.of() : detector.detect(toMat.convert(f));
                        FaceBox patient = faces.stream().max(Comparator.comparingInt(FaceBox::area)).orElse(null);
                        out.onFrame(new org.vigil.pipeline.FrameSnapshot(bed, t, copy, faces, patient));
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    LOG.warn("Source {} for bed {} failed: {}", source, bed, e.toString());
                    out.onSourceState(bed, org.vigil.capture.SourceState.OFFLINE, "Cannot open " + source + ": " + e.getMessage());
                    return;
                }
            } while (loop && device == null && running.get());
            if (running.get()) out.onSourceState(bed, org.vigil.capture.SourceState.ENDED, source);
        }
    }
}
