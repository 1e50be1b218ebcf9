package org.vigil.track;

/**
 * Where the patient's head is expected, as fractions of the frame (x, y, width, height in 0..1).
 * Faces whose centre lies outside are staff or visitors and never become the patient.
 */
public record BedRegion(double x, double y, double width, double height) {
    public BedRegion {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > 1.0001 || y + height > 1.0001) {
            throw new IllegalArgumentException(String.format(
                    "bed region %s,%s,%s,%s must be fractions of the frame: x,y >= 0, w,h > 0, x+w <= 1, y+h <= 1",
                    x, y, width, height));
        }
    }

    /** Parses "x,y,w,h", e.g. "0.25,0.1,0.5,0.6". */
    public static BedRegion parse(String s) {
        String[] p = s.split(",");
        if (p.length != 4) throw new IllegalArgumentException("--bed-region needs x,y,w,h (fractions), got '" + s + "'");
        try {
            return new BedRegion(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()),
                    Double.parseDouble(p[2].trim()), Double.parseDouble(p[3].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--bed-region needs four numbers x,y,w,h, got '" + s + "'");
        }
    }

    public boolean contains(double px, double py, int frameWidth, int frameHeight) {
        double fx = px / frameWidth, fy = py / frameHeight;
        return fx >= x && fx <= x + width && fy >= y && fy <= y + height;
    }
}
