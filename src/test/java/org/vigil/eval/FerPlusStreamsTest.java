package org.vigil.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.classify.EmotionLabels;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.ModelMetadata;
import org.vigil.classify.Preprocessing;
import org.vigil.testing.SharedFiles;

/**
 * Still-face streams from the real FER+ test set: the faces chosen as calm or distressed really have
 * the crowd votes label.csv gives them (checked against the file read here independently), and
 * FER-2013 class folders still work.
 */
class FerPlusStreamsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Which faces are drawn does not depend on the model, so a stand-in that scores every face the
     * same keeps this test free of network start-up (minutes on a loaded machine).
     */
    private static final EmotionModel UNIFORM = new EmotionModel() {
        private final ModelMetadata meta = new ModelMetadata(ModelMetadata.FORMAT_VERSION, "uniform", "none", "none",
                EmotionLabels.FER7, 48, 48, "NCHW", Preprocessing.UNIT, "input", "output", "none", "2026-12-01", 0, null);

        @Override
        public ModelMetadata metadata() {
            return meta;
        }

        @Override
        public float[][] predict(List<byte[]> faces) {
            float[][] p = new float[faces.size()][meta.classes()];
            for (float[] row : p) java.util.Arrays.fill(row, 1f / row.length);
            return p;
        }
    };

    /** label.csv read by hand: image -> votes (neutral, happiness, surprise, sadness, anger, ...); the box column holds commas. */
    private static Map<String, int[]> votes(Path csv) throws Exception {
        Map<String, int[]> out = new HashMap<>();
        for (String line : Files.readAllLines(csv)) {
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            int[] v = new int[10];
            for (int i = 0; i < 10; i++) v[i] = Integer.parseInt(f[f.length - 10 + i].trim());
            out.put(f[0], v);
        }
        return out;
    }

    private static Set<String> names(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }

    /** The image of each patient, in bed order, from a streams file. */
    private static List<String> chosen(Path streams) throws Exception {
        Set<String> out = new LinkedHashSet<>();
        try (Stream<String> lines = Files.lines(streams)) {
            for (String l : (Iterable<String>) lines::iterator) {
                JsonNode n = JSON.readTree(l);
                if (n.has("source")) out.add(n.get("source").asText());
            }
        }
        return List.copyOf(out);
    }

    @Test
    void groupsAreTheFacesWithSevenOfTenVotes() throws Exception {
        Path dir = SharedFiles.require("data/ferplus/test");
        Map<String, int[]> v = votes(dir.resolve("label.csv"));
        Set<String> calmExpected = v.entrySet().stream().filter(e -> e.getValue()[0] >= 7 || e.getValue()[1] >= 7)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        Set<String> distressExpected = v.entrySet().stream().filter(e -> e.getValue()[3] >= 7 || e.getValue()[4] >= 7)
                .map(Map.Entry::getKey).collect(Collectors.toSet());

        List<Path> calm = StillFaceGroup.CALM.candidates(dir, 7);
        List<Path> distress = StillFaceGroup.DISTRESS.candidates(dir, 7);
        assertThat(calm).hasSize(calmExpected.size()).doesNotHaveDuplicates();
        assertThat(distress).hasSize(distressExpected.size()).doesNotHaveDuplicates();
        assertThat(names(calm)).isEqualTo(calmExpected);
        assertThat(names(distress)).isEqualTo(distressExpected);
        assertThat(calm.size()).isGreaterThan(1000); // 1,613 in the shared copy
        assertThat(distress.size()).isGreaterThan(300); // 372
        assertThat(names(calm)).doesNotContainAnyElementsOf(names(distress));
        assertThat(calm).allMatch(Files::isRegularFile);
    }

    @Test
    void theSixtyChosenPatientsOfEachGroupHaveTheirVotes(@TempDir Path tmp) throws Exception {
        Path dir = SharedFiles.require("data/ferplus/test");
        Map<String, int[]> v = votes(dir.resolve("label.csv"));
        // Two frames per patient are enough to see which face each patient is.
        FerStreams.write(UNIFORM, dir, StillFaceGroup.CALM, 7, 60, 2, 1, 7, 1.5, tmp.resolve("fer-calm.jsonl"));
        FerStreams.write(UNIFORM, dir, StillFaceGroup.DISTRESS, 7, 60, 2, 1, 8, 1.5, tmp.resolve("fer-distress.jsonl"));
        List<String> calm = chosen(tmp.resolve("fer-calm.jsonl")), distress = chosen(tmp.resolve("fer-distress.jsonl"));
        assertThat(calm).hasSize(60);
        assertThat(distress).hasSize(60);
        assertThat(calm).allSatisfy(f -> assertThat(v.get(f)[0] >= 7 || v.get(f)[1] >= 7)
                .as("%s votes neutral %d happiness %d", f, v.get(f)[0], v.get(f)[1]).isTrue());
        assertThat(distress).allSatisfy(f -> assertThat(v.get(f)[3] >= 7 || v.get(f)[4] >= 7)
                .as("%s votes sadness %d anger %d", f, v.get(f)[3], v.get(f)[4]).isTrue());
        assertThat(new HashSet<>(calm)).doesNotContainAnyElementsOf(distress);
        // both emotions of each group are drawn, not just the first
        assertThat(calm).anyMatch(f -> v.get(f)[0] >= 7).anyMatch(f -> v.get(f)[1] >= 7);
        assertThat(distress).anyMatch(f -> v.get(f)[3] >= 7).anyMatch(f -> v.get(f)[4] >= 7);
        assertThat(Files.readAllLines(tmp.resolve("fer-calm.jsonl"))).hasSize(120);
    }

    @Test
    void minVotesMustBeAMajority() throws Exception {
        Path dir = SharedFiles.require("data/ferplus/test");
        assertThatThrownBy(() -> StillFaceGroup.CALM.candidates(dir, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--min-votes").hasMessageContaining("got 5");
        assertThat(StillFaceGroup.DISTRESS.candidates(dir, 10)).isNotEmpty()
                .hasSizeLessThan(StillFaceGroup.DISTRESS.candidates(dir, 7).size());
    }

    @Test
    void fer2013ClassFoldersStillWork() throws Exception {
        Path dir = SharedFiles.require("data/fer2013/test");
        long expected;
        try (Stream<Path> a = Files.list(dir.resolve("sad")); Stream<Path> b = Files.list(dir.resolve("angry"))) {
            expected = a.count() + b.count();
        }
        List<Path> distress = StillFaceGroup.DISTRESS.candidates(dir, 7);
        assertThat(distress).hasSize((int) expected);
        assertThat(distress.get(0).getParent().getFileName().toString()).isEqualTo("sad");
        assertThatThrownBy(() -> StillFaceGroup.CALM.candidates(dir.resolve("sad"), 7))
                .hasMessageContaining("no FER-2013 class folder").hasMessageContaining("neutral");
    }
}
