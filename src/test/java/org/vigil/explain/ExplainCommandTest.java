package org.vigil.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.classify.EmotionLabels;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.KerasImporter;
import org.vigil.classify.Preprocessing;
import org.vigil.testing.Cli;
import org.vigil.testing.SharedFiles;
import org.vigil.data.ImageSet;
import org.vigil.data.ImageSetLoader;

/** explain on the real Keras reference model: occlusion saliency and feature-map pictures. */
class ExplainCommandTest {
    @TempDir Path tmp;

    @Test
    void writesFeatureMapsAndSaliencyForEveryFace() throws Exception {
        Path photo = SharedFiles.require("models/facemark-lbf-5pt/face_045889.jpg");
        Path model = SharedFiles.require("models/keras/fer2013_mini_XCEPTION.102-0.66.hdf5");
        Path yunet = SharedFiles.require("models/yunet/face_detection_yunet_2026may.onnx");
        Cli.Run r = Cli.run("explain", photo.toString(), "--model", model.toString(),
                "--detector", "yunet", "--yunet-model", yunet.toString(), "--layers", "conv2d_1,conv2d_7", "--out", tmp.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> faces = r.jsonLines();
        assertThat(faces).hasSize(1);
        for (JsonNode f : faces) {
            assertThat(f.get("method").asText()).isEqualTo("occlusion");
            var features = ImageIO.read(Path.of(f.get("features_png").asText()).toFile());
            var saliency = ImageIO.read(Path.of(f.get("saliency_png").asText()).toFile());
            assertThat(features.getHeight()).isGreaterThan(100);
            assertThat(saliency.getWidth()).isGreaterThan(saliency.getHeight());
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.count()).isEqualTo(2L * faces.size());
        }
    }

    @Test
    void happyFacesAreExplainedByTheFaceNotTheBackground() {
        Path happy = SharedFiles.require("data/fer2013/test");
        try (EmotionModel m = KerasImporter.importModel(SharedFiles.require("models/keras/fer2013_mini_XCEPTION.102-0.66.hdf5"),
                EmotionLabels.FER7, Preprocessing.SYMMETRIC)) {
            ImageSet set = ImageSetLoader.fromFolders(happy, List.of("happy"), 64, 64, 4, 5);
            int cls = m.labels().indexOf("happy");
            double centre = 0, border = 0;
            for (int i = 0; i < set.size(); i++) {
                Heatmap h = Occlusion.explain(m, set.image(i), cls);
                centre += h.mean(16, 56, 12, 52);                 // nose, mouth, cheeks
                border += (h.mean(0, 8, 0, 64) + h.mean(0, 64, 0, 6) + h.mean(0, 64, 58, 64)) / 3;
            }
            assertThat(centre).isGreaterThan(2 * border);
            assertThat(new Saliency(m).method()).isEqualTo("occlusion");
        }
    }
}
