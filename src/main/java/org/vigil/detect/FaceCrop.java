package org.vigil.detect;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.vigil.classify.ModelMetadata;

/**
 * Turns a frame and a face box into the grey crop an {@code EmotionModel} takes: a square placed
 * around the box by a {@link CropFraming}, converted to grey and resized to the model's input size,
 * as inputHeight*inputWidth bytes row-major.
 *
 * <p>Framing: the models learned on FER-2013 / FER+ faces, so the crop reproduces how those faces
 * are framed relative to the detector's box ({@link CropFraming#FER}, measured). The pipeline,
 * evaluate --detect, predict and explain all crop through {@link #forModel}, so they feed the
 * model the same crop. Parts of the square outside the frame are filled by replicating the edge
 * pixels, so faces at the border keep their position in the crop instead of being stretched.
 */
public final class FaceCrop {
    /** The crop every camera path uses (see {@link CropFraming#FER} for the measurement). */
    public static final CropFraming DEFAULT_FRAMING = CropFraming.FER;

    /**
     * Aligned framing: the eye midpoint sits EYE_Y of the way down the crop and the eyes are
     * EYE_DISTANCE of the crop's width apart: the medians of YuNet's eye points in FER+ faces put
     * into frames (./run.sh bench crop), so aligning changes tilt and scale, not the average framing
     * the models were trained on.
     */
    public static final double EYE_Y = 0.38;
    public static final double EYE_DISTANCE = 0.37;
    /**
     * How {@link #forModel} aligns: not at all, because the measurement did not show a consistent
     * gain. On FER-2013 test faces tilted by up to 20 degrees, ROTATE raised the Keras reference
     * model's accuracy from 47.9% to 50.6%, but lowered Vigil's own (epoch-1) model's from 37.0% to
     * 34.3% and raised its calm-called-distress rate from 27% to 40%; on upright faces neither mode
     * helped either model. Re-measure with the final model (docs/benchmarks.md, "Alignment") and
     * switch this only if it helps that model.
     */
    public static final Alignment DEFAULT_ALIGNMENT = Alignment.NONE;

    private final int width;
    private final int height;
    private final CropFraming framing;
    private final Alignment alignment;

    /** How a face with eye landmarks is aligned before it is cropped. */
    public enum Alignment {
        /** Upright square around the detector's box. */
        NONE,
        /** The box's square, rotated about its centre so that the eye line is horizontal. */
        ROTATE,
        /** Rotated and scaled by the eye line: eyes at fixed positions in the crop. */
        ROTATE_SCALE
    }

    /** Square of (1 + 2 margin) x the box's longer side; margin 0 with a whole-image box crops the whole image. */
    public FaceCrop(int width, int height, double margin) {
        this(width, height, CropFraming.margin(margin), Alignment.NONE);
    }

    /**
     * @param alignment how to align faces with eye landmarks (YuNet, facemark); faces without them are
     *                  cropped from the box
     */
    public FaceCrop(int width, int height, CropFraming framing, Alignment alignment) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("crop size must be positive: " + width + "x" + height);
        this.width = width;
        this.height = height;
        this.framing = java.util.Objects.requireNonNull(framing, "framing");
        this.alignment = java.util.Objects.requireNonNull(alignment, "alignment");
    }

    /** Crops sized for this model's input, with the default framing and alignment. */
    public static FaceCrop forModel(ModelMetadata metadata) {
        return forModel(metadata, DEFAULT_ALIGNMENT);
    }

    public static FaceCrop forModel(ModelMetadata metadata, Alignment alignment) {
        return forModel(metadata, DEFAULT_FRAMING, alignment);
    }

    public static FaceCrop forModel(ModelMetadata metadata, CropFraming framing, Alignment alignment) {
        return new FaceCrop(metadata.inputWidth(), metadata.inputHeight(), framing, alignment);
    }

    public CropFraming framing() {
        return framing;
    }

    public boolean aligns() {
        return alignment != Alignment.NONE;
    }

    public Alignment alignment() {
        return alignment;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The square region (frame pixels, may extend outside the frame) that the crop shows. */
    public Rect region(FaceBox face) {
        int s = Math.max(1, (int) Math.round(framing.side(face)));
        int x = (int) Math.round(framing.centreX(face) - s / 2.0);
        int y = (int) Math.round(framing.centreY(face) - s / 2.0);
        return new Rect(x, y, s, s);
    }

    /** @param frame BGR (3 channels) or grey (1 channel), 8-bit */
    public byte[] crop(Mat frame, FaceBox face) {
        EyeLine eyes = alignment != Alignment.NONE ? EyeLine.of(face.landmarks()) : null;
        if (eyes != null && eyes.distance() >= 2) {
            if (alignment == Alignment.ROTATE_SCALE) {
                double side = eyes.distance() / EYE_DISTANCE;             // frame pixels covered by the crop's width
                double theta = Math.toRadians(eyes.angleDegrees());
                double down = (0.5 - EYE_Y) * side * height / width;      // eye midpoint -> crop centre, along the face's vertical
                return rotated(frame, eyes.midX() - Math.sin(theta) * down, eyes.midY() + Math.cos(theta) * down,
                        side, eyes.angleDegrees());
            }
            return rotated(frame, framing.centreX(face), framing.centreY(face), framing.side(face), eyes.angleDegrees());
        }
        try (Rect r = region(face)) {
            return square(frame, r, width, height);
        }
    }

    /**
     * The crop centred on (cx, cy), side frame pixels wide, turned by angleDegrees (the eye line's
     * tilt) so that the eye line becomes horizontal. With ROTATE_SCALE the eyes end up EYE_DISTANCE
     * of the width apart, their midpoint at (width/2, EYE_Y*height). Done as an upright
     * square crop around the face (shrunk with area averaging, so big faces do not alias) followed
     * by a rotation about that square's centre.
     */
    private byte[] rotated(Mat frame, double cx, double cy, double side, double angleDegrees) {
        double theta = Math.toRadians(angleDegrees);
        // Upright square that contains the rotated crop.
        double span = Math.max(side, side * height / width) * (Math.abs(Math.cos(theta)) + Math.abs(Math.sin(theta)));
        int s = Math.max(2, (int) Math.ceil(span));
        double scale = width / side;
        int out = Math.max(Math.max(width, height), (int) Math.ceil(s * scale));
        byte[] upright;
        try (Rect r = new Rect((int) Math.round(cx - s / 2.0), (int) Math.round(cy - s / 2.0), s, s)) {
            upright = square(frame, r, out, out);
        }
        try (Mat src = new Mat(out, out, CV_8UC1); Mat dst = new Mat(); Size size = new Size(width, height);
             Point2f centre = new Point2f(out / 2f, out / 2f); Scalar border = new Scalar(0)) {
            src.data().put(upright);
            Mat m = getRotationMatrix2D(centre, angleDegrees, 1.0);
            // Move the square's centre to the crop's centre.
            DoubleIndexer idx = m.createIndexer();
            idx.put(0, 2, idx.get(0, 2) + (width - out) / 2.0);
            idx.put(1, 2, idx.get(1, 2) + (height - out) / 2.0);
            idx.close();
            warpAffine(src, dst, m, size, INTER_LINEAR, BORDER_REPLICATE, border);
            m.close();
            byte[] pixels = new byte[width * height];
            dst.data().get(pixels);
            return pixels;
        }
    }

    /** Grey pixels of an upright square (may extend outside the frame: edges replicated), resized to w x h. */
    private static byte[] square(Mat frame, Rect r, int width, int height) {
        int x0 = Math.max(0, r.x()), y0 = Math.max(0, r.y());
        int x1 = Math.min(frame.cols(), r.x() + r.width()), y1 = Math.min(frame.rows(), r.y() + r.height());
        if (x1 <= x0 || y1 <= y0) {
            throw new IllegalArgumentException("face region " + r.x() + "," + r.y() + " " + r.width() + "x" + r.height() + " lies outside the " + frame.cols() + "x" + frame.rows() + " frame");
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
        }
    }
}
