package org.vigil.detect;


/**
 * Where the square crop handed to the emotion model sits around a detector's box, in box units:
 * its centre is the box centre moved by {@code offsetX} box widths and {@code offsetY} box heights,
 * its side is the larger of {@code sideToWidth} x box width and {@code sideToHeight} x box height
 * (a factor of 0 leaves that dimension out).
 */
public record CropFraming(double offsetX, double offsetY, double sideToWidth, double sideToHeight) {
    /**
     * How FER-2013 / FER+ faces (the models' training data) are framed relative to YuNet's box:
     * measured by {@code ./run.sh bench crop} on 601 FER+ validation faces enlarged to 192 px and put
     * into frames with four kinds of border (docs/benchmarks.md, "Camera crop"): centre offsets
     * within +-0.02 box, side 1.24-1.30 box widths (median 1.25), 0.91-1.00 box heights. So the
     * training crop is centred on the box and is no taller than the box (FER faces cut through
     * forehead and chin), where the old crop was 1.2 box heights. The side is taken from the box
     * width because that varied least from face to face (YuNet's box height reaches into forehead
     * and chin that FER crops leave out, so it is the noisier of the two).
     */
    public static final CropFraming FER = new CropFraming(0.0, 0.0, 1.25, 0.0);

    public CropFraming {
        if (!(sideToWidth >= 0 && sideToHeight >= 0) || sideToWidth + sideToHeight <= 0) {
            throw new IllegalArgumentException("crop side factors must be >= 0 and not both 0: " + sideToWidth + ", " + sideToHeight);
        }
        if (!Double.isFinite(offsetX) || !Double.isFinite(offsetY) || Math.abs(offsetX) > 1 || Math.abs(offsetY) > 1) {
            throw new IllegalArgumentException("crop centre offsets must be within +-1 box: " + offsetX + ", " + offsetY);
        }
    }

    /** A square of (1 + 2 margin) x the box's longer side, centred on the box (Vigil's crop before FER framing was measured). */
    public static CropFraming margin(double margin) {
        if (margin < 0 || margin > 1) throw new IllegalArgumentException("margin must be within 0..1, got " + margin);
        return new CropFraming(0, 0, 1 + 2 * margin, 1 + 2 * margin);
    }

    /** Side of the crop square, frame pixels. */
    public double side(FaceBox face) {
        return Math.max(sideToWidth * face.width(), sideToHeight * face.height());
    }

    public double centreX(FaceBox face) {
        return face.centreX() + offsetX * face.width();
    }

    public double centreY(FaceBox face) {
        return face.centreY() + offsetY * face.height();
    }

    /** "fer" ({@link #FER}) or "margin=M" ({@link #margin}): how the command line names a framing. */
    public static CropFraming parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("fer")) return FER;
        if (t.startsWith("margin=")) {
            try {
                return margin(Double.parseDouble(t.substring("margin=".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number in framing '" + text + "'");
            }
        }
        throw new IllegalArgumentException("framing must be 'fer' or 'margin=<fraction>' (e.g. margin=0.1), got '" + text + "'");
    }

    /** The name {@link #parse} reads back, or the four factors for other framings. */
    public String label() {
        if (equals(FER)) return "fer";
        if (offsetX == 0 && offsetY == 0 && sideToWidth == sideToHeight) {
            return String.format(java.util.Locale.ROOT, "margin=%.2f", (sideToWidth - 1) / 2);
        }
        return String.format(java.util.Locale.ROOT, "offset %.3f,%.3f side %.3f w / %.3f h", offsetX, offsetY, sideToWidth, sideToHeight);
    }
}
