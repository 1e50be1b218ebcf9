package org.vigil.ui;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.vigil.base.Defaults;
import org.vigil.detect.FaceDetector;
import org.vigil.detect.FaceDetectors;
import org.vigil.detect.FaceBox;
import org.vigil.pipeline.FrameSnapshot;
import org.vigil.testing.SharedFiles;

/** A real frame from a shared clip, with the faces YuNet finds in it. */
final class RealFrames {
    private RealFrames() {}

    static FrameSnapshot grab(String bed, String clip, double seconds) throws Exception {
        Path video = SharedFiles.require("data/videos/" + clip);
        Path yunet = SharedFiles.require(Defaults.SHARED_YUNET);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toString());
             Java2DFrameConverter conv = new Java2DFrameConverter();
             OpenCVFrameConverter.ToMat toMat = new OpenCVFrameConverter.ToMat();
             FaceDetector det = FaceDetectors.create("yunet", yunet, 640)) {
            g.start();
            g.setTimestamp((long) (seconds * 1e6));
            Frame f = g.grabImage();
            BufferedImage src = conv.getBufferedImage(f);
            BufferedImage img = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
            img.getGraphics().drawImage(src, 0, 0, null);
            List<FaceBox> faces = det.detect(toMat.convert(f));
            FaceBox patient = faces.stream().max(Comparator.comparingInt(FaceBox::area)).orElse(null);
            return new FrameSnapshot(bed, seconds, img, faces, patient);
        }
    }
}
