package org.vigil.detect;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.vigil.classify.ModelMetadata;
import org.vigil.pipeline.FaceBox;

/**
 * Turns a frame and a face box into the grey crop an {@code EmotionModel} takes: a square around
 * the box centre, widened by a margin, converted to grey and resized to the model's input size,
 * as inputHeight*inputWidth bytes row-major.
 *
 * <p>Margin: FER-2013 faces (what the models are trained on) are framed a little looser than
 * detector boxes: forehead, chin and some hair are in the picture. {@link #DEFAULT_MARGIN} 0.1 adds
 * 10% of the box side on each side, which on Haar and YuNet boxes gives a framing close to
 * FER-2013's. Parts of the square outside the frame are filled by replicating the edge pixels, so
 * faces at the border keep their position in the crop instead of being stretched.
 */
public final class FaceCrop {
    public static final double DEFAULT_MARGIN = 0.1;

    private final int width;
    private final int height;
    private final double margin;

    public FaceCrop(int width, int height, double margin) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("crop size must be positive: " + width + "x" + height);
        if (margin < 0 || margin > 1) throw new IllegalArgumentException("margin must be within 0..1, got " + margin);
        this.width = width;
        this.height = height;
        this.margin = margin;
    }

    /** Crops sized for this model's input, with the default margin. */
    public static FaceCrop forModel(ModelMetadata metadata) {
        return new FaceCrop(metadata.inputWidth(), metadata.inputHeight(), DEFAULT_MARGIN);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The square region (frame pixels, may extend outside the frame) that the crop shows. */
    public Rect region(FaceBox face) {
        double side = Math.max(face.width(), face.height()) * (1 + 2 * margin);
        int s = Math.max(1, (int) Math.round(side));
        int x = (int) Math.round(face.centreX() - s / 2.0);
        int y = (int) Math.round(face.centreY() - s / 2.0);
        return new Rect(x, y, s, s);
    }

    /** @param frame BGR (3 channels) or grey (1 channel), 8-bit */
    public byte[] crop(Mat frame, FaceBox face) {
        Rect r = region(face);
        int x0 = Math.max(0, r.x()), y0 = Math.max(0, r.y());
        int x1 = Math.min(frame.cols(), r.x() + r.width()), y1 = Math.min(frame.rows(), r.y() + r.height());
        if (x1 <= x0 || y1 <= y0) {
            throw new IllegalArgumentException("face box " + face + " lies outside the " + frame.cols() + "x" + frame.rows() + " frame");
        }
        try (Rect inside = new Rect(x0, y0, x1 - x0, y1 - y0); Mat roi = new Mat(frame, inside);
             Mat grey = new Mat(); Mat square = new Mat(); Mat out = new Mat(); Size size = new Size(width, height)) {
            if (frame.channels() == 3) {
                cvtColor(roi, grey, COLOR_BGR2GRAY);
            } else {
                roi.copyTo(grey);
            }
            int top = y0 - r.y(), left = x0 - r.x();
            int bottom = r.y() + r.height() - y1, right = r.x() + r.width() - x1;
            if (top > 0 || left > 0 || bottom > 0 || right > 0) {
                copyMakeBorder(grey, square, top, bottom, left, right, BORDER_REPLICATE);
            } else {
                grey.copyTo(square);
            }
            // Area averaging when shrinking (no aliasing), bilinear when a small face is enlarged.
            resize(square, out, size, 0, 0, square.cols() > width ? INTER_AREA : INTER_LINEAR);
            byte[] pixels = new byte[width * height];
            out.data().get(pixels);
            return pixels;
        } finally {
            r.close();
        }
    }
}
