package org.vigil.detect;

/**
 * The centres of the two eyes in frame pixels, image-left eye first (the patient's right eye on a
 * frontal face). What face alignment needs: the line's angle says how far the head is tilted, its
 * length how large the face is.
 */
public record EyeLine(double leftX, double leftY, double rightX, double rightY) {

    /**
     * From a face's landmarks: YuNet's 5 points (first two points are the eyes), any layout whose first
     * two points are eye centres (see {@link FacemarkLandmarker#refine}), or the 68-point iBUG layout
     * (eye centres = means of points 36-41 and 42-47). Null when there are no eye points.
     */
    public static EyeLine of(float[] landmarks) {
        if (landmarks == null || landmarks.length < 4) return null;
        double ax, ay, bx, by;
        if (landmarks.length == 136) {
            double[] a = mean(landmarks, 36, 41), b = mean(landmarks, 42, 47);
            ax = a[0]; ay = a[1]; bx = b[0]; by = b[1];
        } else {
            ax = landmarks[0]; ay = landmarks[1]; bx = landmarks[2]; by = landmarks[3];
        }
        if (!Double.isFinite(ax + ay + bx + by)) return null;
        return ax <= bx ? new EyeLine(ax, ay, bx, by) : new EyeLine(bx, by, ax, ay);
    }

    static double[] mean(float[] pts, int from, int to) {
        double x = 0, y = 0;
        for (int i = from; i <= to; i++) {
            x += pts[2 * i];
            y += pts[2 * i + 1];
        }
        int n = to - from + 1;
        return new double[] {x / n, y / n};
    }

    public double distance() {
        return Math.hypot(rightX - leftX, rightY - leftY);
    }

    /** Tilt of the eye line in degrees; positive when the image-right eye is lower (y grows downwards). */
    public double angleDegrees() {
        return Math.toDegrees(Math.atan2(rightY - leftY, rightX - leftX));
    }

    public double midX() {
        return (leftX + rightX) / 2;
    }

    public double midY() {
        return (leftY + rightY) / 2;
    }
}
