package org.vigil.track;

import org.vigil.detect.FaceBox;

/** One face followed across frames. Mutable, owned by its {@link FaceTracker}. */
public final class Track {
    final int id;
    FaceBox box;
    final double firstT;
    double lastT;
    int hits = 1;
    int misses;
    /** Smoothed face area: the "largest steady face" rule must not flip on one big detection. */
    double meanArea;

    Track(int id, FaceBox box, double t) {
        this.id = id;
        this.box = box.withTrackId(id);
        this.firstT = t;
        this.lastT = t;
        this.meanArea = box.area();
    }

    void update(FaceBox b, double t) {
        box = b.withTrackId(id);
        lastT = t;
        hits++;
        misses = 0;
        meanArea = 0.8 * meanArea + 0.2 * b.area();
    }

    public int id() {
        return id;
    }

    public FaceBox box() {
        return box;
    }

    /** Seconds since first seen. */
    public double age(double now) {
        return now - firstT;
    }

    public int hits() {
        return hits;
    }

    public boolean seenNow() {
        return misses == 0;
    }

    public double meanArea() {
        return meanArea;
    }
}
