package org.vigil.explain;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vigil.classify.EmotionModel;
import org.vigil.detect.FaceCrop;
import org.vigil.detect.FaceBox;
import org.vigil.classify.SameDiffEmotionModel;

/**
 * What drove a prediction, as a picture: the face crop in grey with a heat colour map laid over it
 * (blue = no influence, red = strongest). Grad-CAM for Vigil's own networks, occlusion sensitivity
 * for other models. This is the entry point for the dashboard's bed detail:
 * <pre>
 *   Saliency saliency = new Saliency(model);                       // once per model
 *   BufferedImage img = saliency.overlayFor(snapshot.image(), snapshot.patient(), 192); // from a FrameSnapshot
 *   BufferedImage img = saliency.overlay(cropPixels, classIndex, 192);   // or from the crop itself
 * </pre>
 * {@code cropPixels} is the grey crop the model classified (FaceCrop output). Costs one
 * forward+backward pass (Grad-CAM) or ~170 forward passes batched (occlusion): call it when the
 * detail view is open, not for every frame of every bed. Thread-safe (calls are serialised).
 */
public final class Saliency {
    private final EmotionModel model;
    private final GradCam gradCam;

    public Saliency(EmotionModel model) {
        this.model = model;
        this.gradCam = model instanceof SameDiffEmotionModel sd ? new GradCam(sd) : null;
    }

    /** "grad-cam" or "occlusion". */
    public String method() {
        return gradCam != null ? "grad-cam" : "occlusion";
    }

    public synchronized Heatmap heatmap(byte[] face, int classIndex) {
        return gradCam != null ? gradCam.explain(face, classIndex) : Occlusion.explain(model, face, classIndex);
    }

    /** Heat map for the class the model itself predicts for this face. */
    public synchronized Heatmap heatmap(byte[] face) {
        float[] p = model.predict(java.util.List.of(face))[0];
        return heatmap(face, EmotionModel.argmax(p));
    }

    /** The overlay, size x size pixels (0: the model's input size). */
    public BufferedImage overlay(byte[] face, int classIndex, int size) {
        return render(face, heatmap(face, classIndex), size);
    }

    /**
     * For the dashboard: the overlay for a face in a frame snapshot (e.g. FrameSnapshot's image and
     * patient box), cropped the way the pipeline crops it, explaining the predicted class.
     */
    public BufferedImage overlayFor(BufferedImage frame, FaceBox face, int size) {
        BufferedImage bgr = frame;
        if (frame.getType() != BufferedImage.TYPE_3BYTE_BGR && frame.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            bgr = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            var g = bgr.createGraphics();
            g.drawImage(frame, 0, 0, null);
            g.dispose();
        }
        byte[] px;
        try (Java2DFrameConverter toFrame = new Java2DFrameConverter(); OpenCVFrameConverter.ToMat toMat = new OpenCVFrameConverter.ToMat()) {
            Mat m = toMat.convert(toFrame.convert(bgr));
            px = FaceCrop.forModel(model.metadata()).crop(m, face);
        }
        return render(px, heatmap(px), size);
    }

    /** Grey face with the heat map blended over it (alpha grows with saliency, so the face stays visible). */
    public static BufferedImage render(byte[] face, Heatmap map, int size) {
        int h = map.height(), w = map.width();
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int g = face[y * w + x] & 0xFF;
                float v = map.at(y, x);
                Color c = heat(v);
                float a = 0.25f + 0.5f * v;
                int r = Math.round(g * (1 - a) + c.getRed() * a);
                int gg = Math.round(g * (1 - a) + c.getGreen() * a);
                int b = Math.round(g * (1 - a) + c.getBlue() * a);
                small.setRGB(x, y, (r << 16) | (gg << 8) | b);
            }
        }
        if (size <= 0 || size == w) return small;
        BufferedImage big = new BufferedImage(size, size * h / w, BufferedImage.TYPE_INT_RGB);
        var g2 = big.createGraphics();
        g2.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g2.drawImage(small, 0, 0, big.getWidth(), big.getHeight(), null);
        g2.dispose();
        return big;
    }

    /** Jet-like colour map: blue, cyan, yellow, red. */
    static Color heat(float v) {
        v = Math.max(0, Math.min(1, v));
        float r = Math.max(0, Math.min(1, 1.5f - Math.abs(4 * v - 3)));
        float g = Math.max(0, Math.min(1, 1.5f - Math.abs(4 * v - 2)));
        float b = Math.max(0, Math.min(1, 1.5f - Math.abs(4 * v - 1)));
        return new Color(r, g, b);
    }
}
