package org.vigil.track;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vigil.detect.FaceBox;

/**
 * Keeps face identities across frames by greedy box overlap (IoU), falling back to centre distance
 * for fast movement. Cheap enough for every frame; one tracker per bed, used by one thread.
 */
public final class FaceTracker {
    private final double minIou;
    private final double forgetAfterS;
    private final List<Track> tracks = new ArrayList<>();
    private int nextId = 1;

    /** @param forgetAfterS a track not seen for this long is dropped (short occlusions keep the identity) */
    public FaceTracker(double minIou, double forgetAfterS) {
        this.minIou = minIou;
        this.forgetAfterS = forgetAfterS;
    }

    public FaceTracker() {
        this(0.3, 1.0);
    }

    /** Matches this frame's detections to tracks; returns the detections with their track ids. */
    public List<FaceBox> update(List<FaceBox> detections, double t) {
        // Forget stale tracks first: a face gone longer than forgetAfterS is a new identity.
        tracks.removeIf(tr -> t - tr.lastT > forgetAfterS);
        record Pair(Track track, int det, double score) {}
        List<Pair> pairs = new ArrayList<>();
        for (Track tr : tracks) {
            for (int i = 0; i < detections.size(); i++) {
                FaceBox d = detections.get(i);
                double iou = iou(tr.box, d);
                double score = iou;
                if (iou < minIou) {
                    // Fast head movement between frames: accept when centres are within half a face.
                    double dist = Math.hypot(tr.box.centreX() - d.centreX(), tr.box.centreY() - d.centreY());
                    double side = Math.max(tr.box.width(), d.width());
                    double sizeRatio = (double) Math.min(tr.box.area(), d.area()) / Math.max(1, Math.max(tr.box.area(), d.area()));
                    if (dist > 0.5 * side || sizeRatio < 0.5) continue;
                    score = 0.01 * (1 - dist / side); // below any IoU match
                }
                pairs.add(new Pair(tr, i, score));
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::score).reversed());
        boolean[] detUsed = new boolean[detections.size()];
        List<Track> matched = new ArrayList<>();
        FaceBox[] out = new FaceBox[detections.size()];
        for (Pair p : pairs) {
            if (detUsed[p.det] || matched.contains(p.track)) continue;
            detUsed[p.det] = true;
            matched.add(p.track);
            p.track.update(detections.get(p.det), t);
            out[p.det] = p.track.box;
        }
        for (Track tr : tracks) {
            if (!matched.contains(tr)) tr.misses++;
        }
        for (int i = 0; i < detections.size(); i++) {
            if (!detUsed[i]) {
                Track tr = new Track(nextId++, detections.get(i), t);
                tracks.add(tr);
                out[i] = tr.box;
            }
        }
        return List.of(out);
    }

    public List<Track> tracks() {
        return List.copyOf(tracks);
    }

    public Track get(int id) {
        for (Track t : tracks) if (t.id == id) return t;
        return null;
    }

    public static double iou(FaceBox a, FaceBox b) {
        int x0 = Math.max(a.x(), b.x()), y0 = Math.max(a.y(), b.y());
        int x1 = Math.min(a.x() + a.width(), b.x() + b.width()), y1 = Math.min(a.y() + a.height(), b.y() + b.height());
        if (x1 <= x0 || y1 <= y0) return 0;
        double inter = (double) (x1 - x0) * (y1 - y0);
        return inter / (a.area() + b.area() - inter);
    }
}
