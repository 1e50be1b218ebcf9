package org.vigil.pipeline;

import java.awt.image.BufferedImage;
import java.util.List;
import org.vigil.detect.FaceBox;

/** A frame for display: a copy the receiver owns, with the faces found in it. Never stored or logged. */
public record FrameSnapshot(String bed, double t, BufferedImage image, List<FaceBox> faces, FaceBox patient) {
    public FrameSnapshot {
        faces = List.copyOf(faces);
    }
}
