package org.vigil.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.classify.EmotionLabels;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.KerasImporter;
import org.vigil.classify.Preprocessing;
import org.vigil.detect.FaceCrop;
import org.vigil.base.Defaults;
import org.vigil.detect.YuNetFaceDetector;
import org.vigil.testing.SharedFiles;

/** The detect -> align -> classify path on whole images, with FER-2013 faces given room around them. */
class WildEvaluatorTest {

    @Test
    void findsFacesInEnlargedFerImagesAndClassifiesThemAboveChance() {
        Path test = SharedFiles.require("data/fer2013/test");
        try (EmotionModel m = KerasImporter.importModel(SharedFiles.require("models/keras/fer2013_mini_XCEPTION.102-0.66.hdf5"),
                EmotionLabels.FER7, Preprocessing.SYMMETRIC);
             YuNetFaceDetector det = new YuNetFaceDetector(SharedFiles.require(Defaults.SHARED_YUNET), 1280, 0.6f)) {
            var options = new WildEvaluator.Options(160, 0.3, FaceFrame.Border.REFLECT, 0, 6, 42);
            List<WildEvaluator.Result> r = new WildEvaluator(m, det, null,
                    List.of(WildEvaluator.Crop.of(FaceCrop.Alignment.NONE), WildEvaluator.Crop.of(FaceCrop.Alignment.ROTATE_SCALE)), options).evaluate(test, List.of("happy", "surprise", "neutral"));
            assertThat(r).hasSize(2);
            WildEvaluator.Result plain = r.get(0);
            assertThat(plain.images()).isEqualTo(18);
            assertThat(plain.detectionRate()).isGreaterThan(0.8);
            assertThat(plain.found().total()).isEqualTo(plain.facesFound());
            // Same detections for every alignment; only the crops differ.
            assertThat(r.get(1).facesFound()).isEqualTo(plain.facesFound());
            assertThat(plain.found().accuracy()).isGreaterThan(0.5);   // chance is 1/3
            assertThat(plain.endToEndAccuracy()).isLessThanOrEqualTo(plain.found().accuracy());
        }
    }
}
