package org.vigil.bench.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vigil.base.Defaults;
import org.vigil.base.SharedData;
import org.vigil.detect.FaceBox;
import org.vigil.detect.FaceDetector;
import org.vigil.detect.FaceDetectors;

/** A real frame (the crying clip, 640x360) and the face YuNet finds in it: the input every benchmark here shares. */
final class ClipFace {
    static final String CLIP = "data/videos/pyfeat_WolfgangLanger_Pexels.mp4";
    /** Frame 100 (~4 s): she is crying, face frontal. */
    static final int FRAME = 100;

    final Mat frame;
    final FaceBox face;

    private ClipFace(Mat frame, FaceBox face) {
        this.frame = frame;
        this.face = face;
    }

    static Path shared(String relative) {
        Path p = SharedData.root().resolve(relative);
        if (!Files.exists(p)) throw new IllegalStateException(p + " not found: set VIGIL_SHARED to the shared data folder");
        return p;
    }

    static FaceDetector yunet() {
        return FaceDetectors.create(Defaults.YUNET, shared(Defaults.SHARED_YUNET), Defaults.DETECT_MAX_SIDE);
    }

    static ClipFace load() throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(shared(CLIP).toFile());
             OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat()) {
            g.start();
            Frame f = null;
            for (int i = 0; i <= FRAME; i++) f = g.grabImage();
            Mat frame = conv.convert(f).clone();
            g.stop();
            try (FaceDetector d = yunet()) {
                List<FaceBox> faces = d.detect(frame);
                if (faces.isEmpty()) throw new IllegalStateException("no face in frame " + FRAME + " of " + CLIP);
                return new ClipFace(frame, faces.get(0));
            }
        }
    }
}
