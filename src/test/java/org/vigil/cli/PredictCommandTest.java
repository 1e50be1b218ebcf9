package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.testing.Cli;
import org.vigil.testing.SharedFiles;

class PredictCommandTest {
    @TempDir Path tmp;

    private List<JsonNode> run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "predict";
        System.arraycopy(args, 0, all, 1, args.length);
        Cli.Run r = Cli.run(all);
        assertThat(r.code()).as(r.err()).isZero();
        return r.jsonLines();
    }

    @Test
    void labelsEveryFaceInAGroupPhotoAndDrawsThem() throws Exception {
        Path photo = SharedFiles.require("data/scenes/oarriaga/12_angry_men.jpg");
        Path model = SharedFiles.require("models/keras/fer2013_mini_XCEPTION.102-0.66.hdf5");
        Path yunet = SharedFiles.require("models/yunet/face_detection_yunet_2026may.onnx");
        List<JsonNode> res = run(photo.toString(), "--model", model.toString(), "--detector", "yunet",
                "--yunet-model", yunet.toString(), "--out", tmp.toString());
        assertThat(res).hasSize(1);
        JsonNode faces = res.get(0).get("faces");
        assertThat(faces.size()).isGreaterThanOrEqualTo(8); // twelve men, some turned away
        for (JsonNode f : faces) {
            double sum = 0;
            for (JsonNode p : f.get("probabilities")) sum += p.asDouble();
            assertThat(sum).isBetween(0.99, 1.01);
            assertThat(f.get("landmarks").size()).isEqualTo(10);
            assertThat(f.get("probabilities").has(f.get("label").asText())).isTrue();
        }
        assertThat(tmp.resolve("12_angry_men-annotated.png")).isNotEmptyFile();
    }

    @Test
    void preCroppedFacesSkipDetectionAndAreMostlyRight() throws Exception {
        Path happy = SharedFiles.require("data/fer2013/test/happy");
        Path model = SharedFiles.require("models/keras/fer2013_mini_XCEPTION.102-0.66.hdf5");
        List<String> args = new ArrayList<>();
        try (var s = java.nio.file.Files.list(happy)) {
            s.sorted().limit(20).forEach(p -> args.add(p.toString()));
        }
        args.addAll(List.of("--model", model.toString(), "--whole-image"));
        List<JsonNode> res = run(args.toArray(String[]::new));
        assertThat(res).hasSize(20);
        long happyCount = res.stream().filter(r -> r.get("faces").get(0).get("label").asText().equals("happy")).count();
        assertThat(happyCount).isGreaterThanOrEqualTo(12); // the reference model's happy recall is 87%
    }
}
