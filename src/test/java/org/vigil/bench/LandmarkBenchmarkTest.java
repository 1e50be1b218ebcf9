package org.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.base.Defaults;
import org.vigil.detect.FacemarkLandmarker;
import org.vigil.detect.YuNetFaceDetector;
import org.vigil.testing.SharedFiles;

/** Landmark error of YuNet's points against dlib's annotations of the real photos. */
class LandmarkBenchmarkTest {

    @Test
    void readsAllAnnotatedFacesWith68Points() {
        Path dir = SharedFiles.require("data/scenes/dlib-faces");
        Map<String, List<DlibLandmarks.Face>> train = DlibLandmarks.read(dir.resolve("training_with_face_landmarks.xml"));
        Map<String, List<DlibLandmarks.Face>> test = DlibLandmarks.read(dir.resolve("testing_with_face_landmarks.xml"));
        int faces = train.values().stream().mapToInt(List::size).sum() + test.values().stream().mapToInt(List::size).sum();
        assertThat(faces).isEqualTo(43);
        DlibLandmarks.Face f = test.get("2008_002470.jpg").get(0);
        assertThat(f.points()).hasSize(136);
        assertThat(f.interOcular()).isBetween(10.0, 60.0);
        assertThat(f.leftEye()[0]).isLessThan(f.rightEye()[0]);
    }

    @Test
    void yunetPointsLieCloseToTheAnnotatedOnes() {
        Path dir = SharedFiles.require("data/scenes/dlib-faces");
        Path yunet = SharedFiles.require(Defaults.SHARED_YUNET);
        try (YuNetFaceDetector det = new YuNetFaceDetector(yunet, 0, 0.6f)) {
            LandmarkBenchmark.Errors e = LandmarkBenchmark.run(dir,
                    List.of(dir.resolve("training_with_face_landmarks.xml"), dir.resolve("testing_with_face_landmarks.xml")), det, null);
            assertThat(e.annotated()).isEqualTo(43);
            assertThat(e.matched()).isGreaterThanOrEqualTo(40);
            // Eye centres within a fifth of the eye distance; all five points on average within a quarter.
            assertThat(e.medianOf(0)).isLessThan(0.2);
            assertThat(e.medianOf(1)).isLessThan(0.2);
            assertThat(e.meanAll()).isLessThan(0.25);
            // Points missing from a source are not counted as errors, and a wrong point is far off.
            double[] partial = LandmarkBenchmark.errors(
                    DlibLandmarks.read(dir.resolve("testing_with_face_landmarks.xml")).get("2008_002470.jpg").get(0),
                    new float[] {0, 0, 0, 0});
            assertThat(partial[0]).isGreaterThan(1);
            assertThat(partial[2]).isNaN();
        }
    }

    @Test
    void fivePointLbfModelIsRejectedWithTheReason() {
        Path model = SharedFiles.require("models/facemark-lbf-5pt/lbfmodel.yaml");
        assertThat(FacemarkLandmarker.landmarkCount(model)).isEqualTo(5);
        assertThatThrownBy(() -> new FacemarkLandmarker(model)).hasMessageContaining("68-point").hasMessageContaining("lbfmodel.yaml");
        assertThatThrownBy(() -> new FacemarkLandmarker(Path.of("no-such-model.yaml"))).hasMessageContaining("not found");
    }
}
