package org.vigil.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.eval.ConfusionMatrix;
import org.vigil.eval.Evaluator;
import org.vigil.testing.SharedFiles;
import org.vigil.data.ImageSet;
import org.vigil.data.ImageSetLoader;

class KerasImportTest {
    @TempDir Path tmp;

    /**
     * The imported reference mini-Xception must behave like the original: it scores 65.55% on the
     * whole FER-2013 test set; on a fixed stratified sample of 700 test images it must land near that.
     * A wrong channel order or preprocessing drops it to chance (about 25%).
     */
    @Test
    void importedMiniXceptionKeepsItsAccuracyAndSurvivesSaveAndLoad() throws Exception {
        Path h5 = SharedFiles.require("models/keras/fer2013_mini_XCEPTION.102-0.66.hdf5");
        Path test = SharedFiles.require("data/fer2013/test");
        EmotionModel imported = KerasImporter.importModel(h5, EmotionLabels.FER7, Preprocessing.SYMMETRIC);
        assertThat(imported.metadata().inputHeight()).isEqualTo(64);
        assertThat(imported.metadata().layout()).isEqualTo("NHWC");
        ImageSet sample = ImageSetLoader.fromFolders(test, EmotionLabels.FER7, 64, 64, 100, 2026);
        ConfusionMatrix cm = Evaluator.evaluate(imported, sample);
        assertThat(cm.total()).isEqualTo(700);
        assertThat(cm.accuracy()).isBetween(0.55, 0.80);

        Path file = tmp.resolve("mini.vigil");
        ModelFile.save(imported, file);
        try (EmotionModel loaded = ModelFile.load(file)) {
            assertThat(loaded.metadata().engine()).isEqualTo("dl4j-graph");
            assertThat(Evaluator.evaluate(loaded, sample).accuracy()).isEqualTo(cm.accuracy());
        }
    }

    @Test
    void wrongLabelCountIsRejectedWithTheFileName() {
        Path h5 = SharedFiles.require("models/keras/fer2013_mini_XCEPTION.102-0.66.hdf5");
        assertThatThrownBy(() -> KerasImporter.importModel(h5, EmotionLabels.FOUR, Preprocessing.SYMMETRIC))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("fer2013_mini_XCEPTION").hasMessageContaining("7 outputs but 4 labels");
    }

    @Test
    void otherKerasModelsOfTheFamilyImport() {
        for (String name : List.of("mini_XCEPTION_KDEF.hdf5", "tiny_XCEPTION_KDEF.hdf5")) {
            Path h5 = SharedFiles.require("models/keras/" + name);
            EmotionModel m = KerasImporter.importModel(h5, EmotionLabels.FER7, Preprocessing.SYMMETRIC);
            float[][] p = m.predict(List.of(new byte[m.metadata().inputHeight() * m.metadata().inputWidth()]));
            float sum = 0;
            for (float v : p[0]) sum += v;
            assertThat(sum).as(name).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-3f));
        }
    }

    @Test
    void notAnHdf5FileIsAClearError() throws Exception {
        Path bad = tmp.resolve("broken.h5");
        Files.writeString(bad, "no hdf5 here");
        assertThatThrownBy(() -> KerasImporter.importModel(bad, EmotionLabels.FER7, Preprocessing.SYMMETRIC))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("broken.h5");
    }
}
