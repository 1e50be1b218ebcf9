package org.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.vigil.base.Defaults;
import org.vigil.bench.DlibLandmarks;
import org.vigil.track.FaceTracker;
import org.vigil.testing.SharedFiles;

/**
 * Both detectors on real photos with ground-truth boxes (dlib's PASCAL VOC faces, 43 boxes) and on
 * group photos. Ground-truth boxes are dlib's framing, tighter than the detectors', hence IoU 0.3.
 */
class FaceDetectorSceneTest {

    record Score(int truth, int found, int detections) {
        double recall() {
            return found / (double) truth;
        }
    }

    static Score score(Supplier<FaceDetector> make) throws Exception {
        Path dir = SharedFiles.require("data/scenes/dlib-faces");
        Map<String, List<FaceBox>> truth = new LinkedHashMap<>();
        for (String xml : List.of("training_with_face_landmarks.xml", "testing_with_face_landmarks.xml")) {
            DlibLandmarks.read(dir.resolve(xml)).forEach((file, faces) ->
                    truth.put(file, faces.stream().map(DlibLandmarks.Face::box).toList()));
        }
        int total = 0, found = 0, dets = 0;
        try (FaceDetector d = make.get()) {
            for (var e : truth.entrySet()) {
                Mat img = imread(dir.resolve(e.getKey()).toString());
                assertThat(img.empty()).as("image %s", e.getKey()).isFalse();
                List<FaceBox> got = d.detect(img);
                dets += got.size();
                for (FaceBox t : e.getValue()) {
                    total++;
                    if (got.stream().anyMatch(g -> FaceTracker.iou(g, t) >= 0.3)) found++;
                }
                img.release();
            }
        }
        Score s = new Score(total, found, dets);
        System.out.println("detector scene score: " + s + " recall " + s.recall());
        return s;
    }

    @Test
    void yunetFindsMostGroundTruthFaces() throws Exception {
        Path model = SharedFiles.require(Defaults.SHARED_YUNET);
        // Full resolution: the PASCAL photos are ~500 px wide with small faces.
        Score s = score(() -> new YuNetFaceDetector(model, 0, YuNetFaceDetector.DEFAULT_SCORE_THRESHOLD));
        assertThat(s.truth()).isEqualTo(43);
        assertThat(s.recall()).isGreaterThanOrEqualTo(0.85);
        assertThat(s.detections()).isLessThanOrEqualTo(s.truth() + 5); // few false positives
    }

    @Test
    void haarFindsFrontalGroundTruthFaces() throws Exception {
        Score s = score(() -> new HaarFaceDetector(0));
        assertThat(s.recall()).isGreaterThanOrEqualTo(0.6);
        assertThat(s.detections()).isLessThanOrEqualTo(s.truth() + 10);
    }

    @Test
    void groupPhotoGivesManyFacesWithLandmarksInsideBoxes() {
        Path model = SharedFiles.require(Defaults.SHARED_YUNET);
        Mat img = imread(SharedFiles.require("data/scenes/oarriaga/12_angry_men.jpg").toString());
        List<FaceBox> faces;
        try (FaceDetector d = new YuNetFaceDetector(model, 0, 0.6f)) {
            faces = d.detect(img);
        }
        System.out.println("12 angry men: yunet " + faces.size() + " faces");
        assertThat(faces.size()).isBetween(8, 14);
        for (FaceBox f : faces) {
            assertThat(f.landmarks()).hasSize(10);
            assertThat(f.score()).isBetween(0.6f, 1.0f);
            // Eyes and nose tip lie inside the face box.
            for (int k = 0; k < 6; k += 2) {
                assertThat(f.landmarks()[k]).isBetween((float) f.x(), (float) (f.x() + f.width()));
                assertThat(f.landmarks()[k + 1]).isBetween((float) f.y(), (float) (f.y() + f.height()));
            }
        }
        List<FaceBox> haar;
        try (FaceDetector d = new HaarFaceDetector(0)) {
            haar = d.detect(img);
        }
        System.out.println("12 angry men: haar " + haar.size() + " faces");
        assertThat(haar.size()).isBetween(5, 16);
    }

    @Test
    void downscaledDetectionMapsBoxesBackToFramePixels() {
        Path model = SharedFiles.require(Defaults.SHARED_YUNET);
        Mat img = imread(SharedFiles.require("data/scenes/oarriaga/12_angry_men.jpg").toString());
        List<FaceBox> full, half;
        int side = Math.max(img.cols(), img.rows());
        try (FaceDetector d = new YuNetFaceDetector(model, 0, 0.6f)) {
            full = d.detect(img);
        }
        try (FaceDetector d = new YuNetFaceDetector(model, (int) (side * 0.75), 0.6f)) {
            half = d.detect(img);
        }
        System.out.println("12 angry men: full " + full.size() + ", 3/4 scale " + half.size() + " (image " + img.cols() + "x" + img.rows() + ")");
        assertThat(full.size()).isGreaterThanOrEqualTo(8);
        assertThat(half.size()).isGreaterThanOrEqualTo(6);
        // Most faces found at 3/4 scale coincide with full-scale ones once mapped back.
        List<FaceBox> matched = new ArrayList<>();
        for (FaceBox h : half) {
            if (full.stream().anyMatch(f -> FaceTracker.iou(f, h) >= 0.5)) matched.add(h);
        }
        assertThat(matched.size()).isGreaterThanOrEqualTo((int) (half.size() * 0.8));
    }

    @Test
    void missingYunetModelIsAClearError() {
        assertThatThrownBy(() -> new YuNetFaceDetector(Path.of("/nonexistent/yunet.onnx")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/nonexistent/yunet.onnx");
        assertThatThrownBy(() -> FaceDetectors.create("mtcnn", null, 0)).hasMessageContaining("haar or yunet");
    }
}
