package org.vigil.detect;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * OpenCV's frontal-face Haar cascade, the built-in default: it ships inside the OpenCV natives jar,
 * so Vigil works without any model download. Frontal faces only, no landmarks, weaker than YuNet on
 * turned or small faces.
 */
public final class HaarFaceDetector implements FaceDetector {
    /** Where JavaCV's OpenCV natives jar keeps the cascades. */
    public static final String CASCADE_RESOURCE =
            "/org/bytedeco/opencv/linux-x86_64/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";
    /** Detection image size: bedside faces are large, and the cascade's cost grows with pixels. */
    public static final int DEFAULT_MAX_SIDE = 640;

    private final CascadeClassifier cascade;
    private final Downscale downscale;
    private final int minFace;
    private final Mat grey = new Mat();

    /** @param maxSide longest side of the image the cascade sees (0: full frame) */
    public HaarFaceDetector(int maxSide) {
        this(cascadeFile(), maxSide, MIN_FACE);
    }

    public HaarFaceDetector() {
        this(DEFAULT_MAX_SIDE);
    }

    /**
     * @param cascadeXml an OpenCV cascade file
     * @param minFace    smallest face side in detector pixels
     */
    public HaarFaceDetector(Path cascadeXml, int maxSide, int minFace) {
        this(cascadeXml, new Downscale(maxSide), minFace);
    }

    /** Sized so that faces of {@code minFacePx} frame pixels are still found (the cascade needs 24 px). */
    public static HaarFaceDetector forMinFace(int minFacePx) {
        return new HaarFaceDetector(cascadeFile(), Downscale.byFactor(minFacePx / (double) MIN_FACE), MIN_FACE);
    }

    /** The cascade's own window: smaller faces are not found. */
    public static final int MIN_FACE = 24;

    private HaarFaceDetector(Path cascadeXml, Downscale downscale, int minFace) {
        this.cascade = new CascadeClassifier(cascadeXml.toString());
        if (cascade.empty()) {
            throw new IllegalArgumentException("Not a usable OpenCV cascade file: " + cascadeXml);
        }
        this.downscale = downscale;
        this.minFace = minFace;
    }

    /** The cascade copied from the class path to a temp file once per JVM: OpenCV only reads files. */
    static synchronized Path cascadeFile() {
        if (cachedCascade != null && Files.exists(cachedCascade)) return cachedCascade;
        try (InputStream in = HaarFaceDetector.class.getResourceAsStream(CASCADE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The Haar cascade " + CASCADE_RESOURCE
                        + " is not on the class path (the opencv natives jar for this platform is missing)");
            }
            Path tmp = Files.createTempFile("vigil-haar-frontalface-", ".xml");
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            cachedCascade = tmp;
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the Haar cascade to a temp file", e);
        }
    }

    private static Path cachedCascade;

    @Override
    public List<FaceBox> detect(Mat frame) {
        double f = downscale.factor(frame);
        Mat img = downscale.apply(frame, f);
        if (img.channels() == 3) {
            cvtColor(img, grey, COLOR_BGR2GRAY);
        } else {
            img.copyTo(grey);
        }
        // Histogram equalisation: the cascade was trained on normalised faces; helps in dim rooms.
        equalizeHist(grey, grey);
        List<FaceBox> out = new ArrayList<>();
        try (RectVector rects = new RectVector(); IntPointer hits = new IntPointer(64);
             Size min = new Size(minFace, minFace); Size max = new Size()) {
            cascade.detectMultiScale2(grey, rects, hits, 1.1, 4, 0, min, max);
            for (int i = 0; i < rects.size(); i++) {
                Rect r = rects.get(i);
                // The cascade has no probability; neighbour count is its evidence. Map 4..~30 to 0.5..1.
                int n = (int) Math.min(Integer.MAX_VALUE, i < hits.limit() ? hits.get(i) : 4);
                float score = (float) Math.min(1.0, 0.5 + 0.5 * (n - 4) / 26.0);
                out.add(new FaceBox((int) Math.round(r.x() * f), (int) Math.round(r.y() * f),
                        (int) Math.round(r.width() * f), (int) Math.round(r.height() * f), score, null, -1));
            }
        }
        return out;
    }

    @Override
    public String name() {
        return "haar";
    }

    @Override
    public void close() {
        cascade.close();
        grey.release();
        downscale.release();
    }
}
