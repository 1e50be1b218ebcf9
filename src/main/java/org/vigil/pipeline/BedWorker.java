package org.vigil.pipeline;

import static org.bytedeco.opencv.global.opencv_core.mean;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.capture.Frame;
import org.vigil.capture.FrameSlot;
import org.vigil.detect.FaceBox;
import org.vigil.detect.FaceCrop;
import org.vigil.detect.FaceDetector;
import org.vigil.rules.Assessability;
import org.vigil.track.FaceTracker;
import org.vigil.track.PatientSelector;

/**
 * The processing thread of one bed: every frame is detected and tracked; at the classification
 * rate the patient's crop (or the reason there is none) goes to the shared decision thread.
 * Owns its detector, tracker and selector: nothing here is shared.
 */
final class BedWorker implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(BedWorker.class);

    private final String bed;
    private final FrameSlot slot;
    private final FaceDetector detector;
    private final FaceTracker tracker = new FaceTracker();
    private final PatientSelector selector;
    private final FaceCrop crop;
    private final PipelineConfig config;
    private final PipelineStats stats;
    private final Consumer<Tick> decisions;
    private final Listeners listeners;
    private double nextClassifyT = Double.NEGATIVE_INFINITY;
    private double nextSnapshotT = Double.NEGATIVE_INFINITY;
    private volatile boolean stopping;

    BedWorker(String bed, FrameSlot slot, FaceDetector detector, PatientSelector selector, FaceCrop crop,
              PipelineConfig config, PipelineStats stats, Consumer<Tick> decisions, Listeners listeners) {
        this.bed = bed;
        this.slot = slot;
        this.detector = detector;
        this.selector = selector;
        this.crop = crop;
        this.config = config;
        this.stats = stats;
        this.decisions = decisions;
        this.listeners = listeners;
    }

    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                Frame f = slot.take(200, TimeUnit.MILLISECONDS);
                if (f == null) {
                    if (slot.isClosed()) break;
                    continue;
                }
                try {
                    process(f);
                } catch (RuntimeException e) {
                    // One bad frame must not end monitoring of this bed.
                    log.error("bed {}: frame {} at {} s could not be processed: {}", bed, f.seq(), f.t(), e.toString());
                } finally {
                    f.release();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            slot.discard();
            detector.close();
        }
    }

    private void process(Frame f) {
        Mat img = f.bgr();
        stats.stage("decode", f.decodeNanos());
        stats.frame(bed, f.t(), System.nanoTime());

        long t0 = System.nanoTime();
        List<FaceBox> faces = detector.detect(img);
        long t1 = System.nanoTime();
        stats.stage("detect", t1 - t0);
        List<FaceBox> tracked = tracker.update(faces, f.t());
        FaceBox patient = selector.select(tracker, f.t(), img.cols(), img.rows());
        long t2 = System.nanoTime();
        stats.stage("track", t2 - t1);
        stats.frameLatency(t2 - f.grabbedNanos());
        listeners.frameTiming(new FrameTiming(bed, f.t(), faces.size(), t2 - f.grabbedNanos(), slot.dropped()));
        stats.bed(bed).faces.add(faces.size());
        if (patient != null) stats.bed(bed).patientFrames.increment();

        if (config.frameSnapshotFps() > 0 && listeners.wantsFrames() && f.t() >= nextSnapshotT) {
            nextSnapshotT = f.t() + 1.0 / config.frameSnapshotFps();
            listeners.frame(new FrameSnapshot(bed, f.t(), toImage(img), tracked, patient));
        }
        if (crop == null || f.t() < nextClassifyT) return; // no crop: a preview, nothing to classify
        // Classification ticks on a fixed stream-time grid; a late frame does not shift the grid.
        double period = 1.0 / config.decision().classifyFps();
        nextClassifyT = nextClassifyT == Double.NEGATIVE_INFINITY ? f.t() + period
                : Math.max(nextClassifyT + period, f.t() - period / 2);

        long c0 = System.nanoTime();
        Assessability a = assess(img, patient);
        byte[] pixels = a == Assessability.OK ? crop.crop(img, patient) : null;
        stats.stage("crop", System.nanoTime() - c0);
        decisions.accept(new Tick.Face(bed, f.t(), f.grabbedNanos(), a, pixels, patient));
    }

    /** Why the patient's face cannot be judged in this frame, or OK. */
    private Assessability assess(Mat img, FaceBox patient) {
        if (patient == null) return Assessability.NO_FACE;
        if (Math.min(patient.width(), patient.height()) < config.detection().minFacePx()) return Assessability.FACE_TOO_SMALL;
        int x0 = Math.max(0, patient.x()), y0 = Math.max(0, patient.y());
        int x1 = Math.min(img.cols(), patient.x() + patient.width()), y1 = Math.min(img.rows(), patient.y() + patient.height());
        if (x1 - x0 < 2 || y1 - y0 < 2) return Assessability.NO_FACE;
        try (Rect r = new Rect(x0, y0, x1 - x0, y1 - y0); Mat roi = new Mat(img, r); Scalar m = mean(roi)) {
            // BT.601 luma of the face's mean colour (frames are BGR).
            double luma = img.channels() == 3 ? 0.114 * m.get(0) + 0.587 * m.get(1) + 0.299 * m.get(2) : m.get(0);
            if (luma < config.detection().minBrightness()) return Assessability.LOW_LIGHT;
        }
        if (turned(patient)) return Assessability.FACE_TURNED;
        return Assessability.OK;
    }

    /**
     * Head turned far to the side, from YuNet's landmarks: the nose tip sits near one eye instead of
     * between them. Haar gives no landmarks and only finds frontal faces anyway.
     */
    static boolean turned(FaceBox f) {
        float[] l = f.landmarks();
        if (l.length < 6) return false;
        double eyeL = l[0], eyeR = l[2], nose = l[4];
        double span = Math.abs(eyeR - eyeL);
        if (span < 1) return true;
        double pos = (nose - Math.min(eyeL, eyeR)) / span; // 0.5 = frontal
        return pos < 0.1 || pos > 0.9;
    }

    private final OpenCVFrameConverter.ToMat toFrame = new OpenCVFrameConverter.ToMat();
    private final Java2DFrameConverter toImage = new Java2DFrameConverter();

    private BufferedImage toImage(Mat img) {
        return Java2DFrameConverter.cloneBufferedImage(toImage.convert(toFrame.convert(img)));
    }
}
