package org.vigil.detect;

/**
 * A detected face in frame pixel coordinates.
 *
 * @param landmarks x0,y0,x1,y1,... (YuNet: right eye, left eye, nose tip, right and left mouth
 *                  corner); empty when the detector gives none
 * @param trackId   identity kept across frames by the tracker, -1 before tracking
 */
public record FaceBox(int x, int y, int width, int height, float score, float[] landmarks, int trackId) {
    public FaceBox {
        landmarks = landmarks == null ? new float[0] : landmarks.clone();
    }

    public int area() {
        return width * height;
    }

    public double centreX() {
        return x + width / 2.0;
    }

    public double centreY() {
        return y + height / 2.0;
    }

    public FaceBox withTrackId(int id) {
        return new FaceBox(x, y, width, height, score, landmarks, id);
    }
}
