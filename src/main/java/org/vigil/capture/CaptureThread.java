package org.vigil.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.javacv.OpenCVFrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread per bed source: decodes frames and puts them into the bed's {@link FrameSlot}.
 * Files end, or with {@link CaptureOptions#loopFiles()} start again like a camera that never stops,
 * their stream time running on; cameras and streams reconnect with exponential back-off and report
 * each state change, so one bed's lost camera never stops the others.
 */
public final class CaptureThread implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(CaptureThread.class);

    static {
        // FFmpeg's own console chatter (e.g. HEVC SEI warnings) is not for nurses' logs.
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private final SourceSpec source;
    private final CaptureOptions options;
    private final FrameSlot slot;
    private final CaptureListener listener;
    private volatile boolean stopping;
    private volatile SourceState state;
    private long seq;
    private long startNanos = -1;

    public CaptureThread(SourceSpec source, CaptureOptions options, FrameSlot slot, CaptureListener listener) {
        this.source = source;
        this.options = options;
        this.slot = slot;
        this.listener = listener;
    }

    public void stop() {
        stopping = true;
    }

    public SourceState state() {
        return state;
    }

    /** Frames delivered so far. */
    public long frames() {
        return seq;
    }

    @Override
    public void run() {
        try {
            if (source.kind() == SourceSpec.Kind.FILE) {
                runFile();
            } else {
                runLive();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            slot.close();
        }
    }

    private void runFile() throws InterruptedException {
        Path p = Path.of(source.location());
        if (!Files.isRegularFile(p)) {
            report(SourceState.OFFLINE, "video file not found: " + p.toAbsolutePath());
            return;
        }
        report(SourceState.CONNECTING, "opening " + p);
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(p.toFile());
        try {
            g.start();
        } catch (Exception | Error e) {
            report(SourceState.OFFLINE, "cannot open video file " + p + ": " + reason(e));
            closeQuietly(g);
            return;
        }
        try {
            double lengthS = g.getLengthInTime() / 1e6;
            report(SourceState.RUNNING, String.format("%s: %dx%d, %.2f fps, %.1f s%s", p.getFileName(),
                    g.getImageWidth(), g.getImageHeight(), g.getFrameRate(), lengthS, options.loopFiles() ? ", looping" : ""));
            // A looped pass starts one frame after the previous pass's last frame, in stream time.
            double frameStep = g.getFrameRate() > 0 ? 1 / g.getFrameRate() : 0.04;
            long wallStart = -1;
            double tFirst = 0, tLast = 0;
            double offset = 0; // added to the file's timestamps: passes after the first continue the stream clock
            double fileFirst = 0, fileLast = 0;
            long delivered = 0, passDelivered = 0;
            int restarts = 0;
            OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat();
            while (!stopping) {
                long t0 = System.nanoTime();
                org.bytedeco.javacv.Frame f;
                try {
                    f = g.grabImage();
                } catch (Exception | Error e) {
                    report(SourceState.OFFLINE, "decoding " + p + " failed after " + delivered + " frames at "
                            + String.format("%.2f s", fileLast) + ": " + reason(e));
                    return;
                }
                if (f == null) {
                    if (!options.loopFiles() || passDelivered == 0) break;
                    restarts++;
                    logRestart(p, restarts, fileLast, lengthS, passDelivered, tLast);
                    offset = tLast + frameStep - fileFirst;
                    // A fresh grabber, not restart(): the file may have been replaced by one with other streams,
                    // size or rate (a recorder swapped), which restart() cannot open.
                    int w = g.getImageWidth(), h = g.getImageHeight();
                    closeQuietly(g);
                    g = new FFmpegFrameGrabber(p.toFile());
                    try {
                        g.start();
                    } catch (Exception | Error e) {
                        report(SourceState.OFFLINE, "cannot restart " + p + " for loop " + (restarts + 1) + ": " + reason(e));
                        return;
                    }
                    if (g.getImageWidth() != w || g.getImageHeight() != h) {
                        log.info("bed {}: {} is now {}x{} at {} fps (was {}x{})", source.bed(), p.getFileName(), g.getImageWidth(),
                                g.getImageHeight(), String.format("%.2f", g.getFrameRate()), w, h);
                    }
                    frameStep = g.getFrameRate() > 0 ? 1 / g.getFrameRate() : frameStep;
                    passDelivered = 0;
                    continue;
                }
                if (f.image == null) continue;
                Mat m = conv.convert(f);
                if (m == null || m.empty()) continue;
                Mat copy = m.clone();
                long now = System.nanoTime();
                double fileT = f.timestamp / 1e6;
                double t = offset + fileT;
                if (delivered == 0) {
                    tFirst = t;
                    fileFirst = fileT;
                    wallStart = now;
                }
                if (t > options.stopAfterS()) {
                    copy.close();
                    log.info("bed {}: stopped after {} s of stream time as asked", source.bed(), String.format("%.1f", tLast));
                    return;
                }
                if (options.realtime()) {
                    // Paced on stream time, which keeps running across loops: a restart causes no burst.
                    long due = wallStart + (long) ((t - tFirst) * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                }
                tLast = t;
                fileLast = fileT;
                delivered++;
                passDelivered++;
                if (!slot.put(new Frame(source.bed(), seq++, t, System.nanoTime(), now - t0, copy))) return;
            }
            if (stopping) return;
            if (delivered == 0) {
                report(SourceState.OFFLINE, "no video frames could be decoded from " + p + " (corrupt or not a video)");
            } else if (restarts > 0) {
                report(SourceState.OFFLINE, String.format("%s gave no frames after restart %d (stream time %.1f s)",
                        p.getFileName(), restarts, tLast));
            } else if (endedEarly(fileLast, lengthS)) {
                report(SourceState.ENDED, String.format("%s ended early at %.1f s of %.1f s after %d frames: truncated or corrupt",
                        p.getFileName(), fileLast, lengthS, delivered));
            } else {
                report(SourceState.ENDED, String.format("%s ended at %.1f s after %d frames", p.getFileName(), fileLast, delivered));
            }
        } finally {
            closeQuietly(g);
        }
    }

    private static boolean endedEarly(double lastS, double lengthS) {
        return lengthS > 2 && lastS < lengthS * 0.9 - 1;
    }

    /** A loop restart is normal operation, not a source problem: once at info, then at debug (a short clip loops often). */
    private void logRestart(Path p, int restarts, double fileLast, double lengthS, long passFrames, double streamT) {
        String early = endedEarly(fileLast, lengthS)
                ? String.format(" (ended early at %.1f s of %.1f s: truncated or corrupt)", fileLast, lengthS) : "";
        if (restarts == 1) {
            log.info("bed {}: {} ended after {} frames{}; looping from the start (stream time {} s)", source.bed(), p.getFileName(),
                    passFrames, early, String.format("%.2f", streamT));
        } else {
            log.debug("bed {}: {} restart {} at stream time {} s{}", source.bed(), p.getFileName(), restarts,
                    String.format("%.2f", streamT), early);
        }
    }

    private FrameGrabber openLive() {
        if (source.kind() == SourceSpec.Kind.CAMERA) {
            return new OpenCVFrameGrabber(source.cameraIndex());
        }
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(source.location());
        String us = Long.toString(options.openTimeoutMs() * 1000);
        if (source.location().startsWith("rtsp")) {
            g.setOption("rtsp_transport", "tcp"); // UDP loses packets on busy ward networks
            g.setOption("timeout", us);
        } else {
            g.setOption("rw_timeout", us);
        }
        return g;
    }

    private void runLive() throws InterruptedException {
        int failures = 0;
        startNanos = System.nanoTime();
        OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat();
        while (!stopping) {
            if (failures == 0) report(SourceState.CONNECTING, "opening " + source.describe());
            FrameGrabber g = openLive();
            String problem;
            long got = 0;
            try {
                g.start();
                report(SourceState.RUNNING, String.format("%s: %dx%d", source.describe(), g.getImageWidth(), g.getImageHeight()));
                while (!stopping) {
                    long t0 = System.nanoTime();
                    org.bytedeco.javacv.Frame f = g instanceof FFmpegFrameGrabber ff ? ff.grabImage() : g.grab();
                    if (f == null) break;
                    if (f.image == null) continue;
                    Mat m = conv.convert(f);
                    if (m == null || m.empty()) continue;
                    Mat copy = m.clone();
                    long now = System.nanoTime();
                    double t = (now - startNanos) / 1e9;
                    if (t > options.stopAfterS()) {
                        copy.close();
                        log.info("bed {}: stopped after {} s as asked", source.bed(), String.format("%.1f", options.stopAfterS()));
                        return;
                    }
                    got++;
                    failures = 0;
                    if (!slot.put(new Frame(source.bed(), seq++, t, now, now - t0, copy))) return;
                }
                problem = got == 0 ? "no frames from " + source.describe() : "stream from " + source.describe() + " stopped";
            } catch (Exception | Error e) {
                problem = (got == 0 ? "cannot open " : "lost ") + source.describe() + ": " + reason(e);
            } finally {
                closeQuietly(g);
            }
            if (stopping) return;
            failures++;
            if (options.maxReconnects() >= 0 && failures > options.maxReconnects()) {
                report(SourceState.OFFLINE, problem + "; gave up after " + (failures - 1) + " reconnect attempts");
                return;
            }
            long backoff = Math.min(options.maxBackoffMs(), options.firstBackoffMs() << Math.min(20, failures - 1));
            SourceState s = failures >= options.offlineAfter() ? SourceState.OFFLINE : SourceState.RECONNECTING;
            report(s, problem + "; retrying in " + backoff + " ms");
            sleepUnlessStopping(backoff);
        }
    }

    private void sleepUnlessStopping(long ms) throws InterruptedException {
        long end = System.currentTimeMillis() + ms;
        while (!stopping && System.currentTimeMillis() < end) {
            Thread.sleep(Math.min(100, Math.max(1, end - System.currentTimeMillis())));
        }
    }

    private void report(SourceState s, String detail) {
        boolean changed = s != state;
        state = s;
        if (s == SourceState.OFFLINE || s == SourceState.RECONNECTING) {
            log.warn("bed {}: {} - {}", source.bed(), s.wire(), detail);
        } else if (changed) {
            log.info("bed {}: {} - {}", source.bed(), s.wire(), detail);
        }
        listener.onState(source, s, detail);
    }

    private static final java.util.regex.Pattern FFMPEG_ERROR = java.util.regex.Pattern.compile("error (-?\\d+)");

    /** The exception's message without JavaCV's generic hints, with FFmpeg's error code spelled out. */
    static String reason(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        m = m.replace(" (Has setFormat() been called?)", "")
                .replace(" (For more details, make sure FFmpegLogCallback.set() has been called.)", "").strip();
        java.util.regex.Matcher k = FFMPEG_ERROR.matcher(m);
        if (k.find()) {
            try {
                byte[] buf = new byte[256];
                if (avutil.av_strerror(Integer.parseInt(k.group(1)), buf, buf.length) == 0) {
                    int n = 0;
                    while (n < buf.length && buf[n] != 0) n++;
                    m = m + " [" + new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8) + "]";
                }
            } catch (NumberFormatException ignored) {
                // not an FFmpeg code
            }
        }
        return m;
    }

    private static void closeQuietly(FrameGrabber g) {
        try {
            g.stop();
        } catch (Exception | Error ignored) {
            // already broken; release below frees what is left
        }
        try {
            g.release();
        } catch (Exception | Error ignored) {
            // nothing more to do
        }
    }

    static {
        // Keep the reference so unused-import tools don't drop it: FFmpeg logging goes through av_log.
        if (Boolean.getBoolean("vigil.ffmpeg.log")) FFmpegLogCallback.set();
    }
}
