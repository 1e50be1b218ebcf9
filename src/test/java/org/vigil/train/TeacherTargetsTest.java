package org.vigil.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.classify.EmotionLabels;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.FlipAveragingModel;
import org.vigil.classify.ModelFile;
import org.vigil.data.DataFormatException;
import org.vigil.data.ImageSet;
import org.vigil.data.ImageSetLoader;
import org.vigil.testing.SharedFiles;

/** Distillation targets from a real shipped model on real FER+ faces. */
class TeacherTargetsTest {
    static final Path TEACHER = Path.of("models/vigil-ferplus7-compact.vigil");
    static ImageSet faces;
    static float[][] teacherSays;

    @TempDir Path work;

    @BeforeAll
    static void load() {
        faces = ImageSetLoader.load(SharedFiles.require("data/ferplus/test"), EmotionLabels.forClassCount(7), 48, 48, "Training")
                .limitPerClass(4, 1);
        try (EmotionModel m = new FlipAveragingModel(ModelFile.load(TEACHER))) {
            List<byte[]> images = new ArrayList<>();
            for (int i = 0; i < faces.size(); i++) images.add(faces.image(i));
            teacherSays = m.predict(images);
        }
    }

    @Test
    void blendsTheTeachersMirrorAveragedAnswersWithTheVotes() throws Exception {
        assertThat(faces.hasTargets()).isTrue();
        ImageSet blended = TeacherTargets.blend(faces, faces.targets(), List.of(TEACHER), 0.25, work, quiet());
        int k = 7;
        for (int i = 0; i < faces.size(); i++) {
            float[] t = blended.target(i), votes = faces.target(i);
            double sum = 0;
            for (int c = 0; c < k; c++) {
                assertThat(t[c]).isCloseTo(0.25f * teacherSays[i][c] + 0.75f * votes[c], within(1e-5f));
                sum += t[c];
            }
            assertThat(sum).isCloseTo(1.0, within(1e-4));
        }
        assertThat(blended.pixels()).isSameAs(faces.pixels());
        assertThat(blended.labels()).isEqualTo(faces.labels());
    }

    @Test
    void withoutVotesTheRestOfTheTargetIsTheOneHotLabel() throws Exception {
        ImageSet blended = TeacherTargets.blend(faces, null, List.of(TEACHER), 0.0, work, quiet());
        for (int i = 0; i < faces.size(); i++) {
            float[] t = blended.target(i);
            for (int c = 0; c < 7; c++) assertThat(t[c]).isEqualTo(c == faces.labels()[i] ? 1f : 0f);
        }
    }

    @Test
    void theTeacherRunsOnceAndItsAnswersAreReusedFromTheWorkDir() throws Exception {
        TeacherTargets.blend(faces, faces.targets(), List.of(TEACHER), 1.0, work, quiet());
        assertThat(work.resolve(TeacherTargets.CACHE)).exists();
        // Overwrite the cache with a marker: a second run must read it rather than ask the teacher again.
        float[] marker = new float[faces.size() * 7];
        java.util.Arrays.fill(marker, 0.5f);
        try (var d = new java.io.DataOutputStream(Files.newOutputStream(work.resolve(TeacherTargets.CACHE)))) {
            for (float f : marker) d.writeFloat(f);
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ImageSet again = TeacherTargets.blend(faces, faces.targets(), List.of(TEACHER), 1.0, work, new PrintStream(log));
        assertThat(log.toString()).contains("reusing");
        assertThat(again.target(0)[3]).isEqualTo(0.5f);
        // A different teacher list is a different key: the teacher runs again.
        ImageSet twice = TeacherTargets.blend(faces, faces.targets(), List.of(TEACHER, TEACHER), 1.0, work, quiet());
        assertThat(twice.target(0)[3]).isCloseTo(teacherSays[0][3], within(1e-5f));
    }

    @Test
    void aTeacherWithOtherClassesIsRefusedByName() {
        Path fourClass = Path.of("models/vigil-ferplus4-compact.vigil");
        assertThatThrownBy(() -> TeacherTargets.blend(faces, faces.targets(), List.of(fourClass), 0.5, work, quiet()))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("vigil-ferplus4-compact.vigil")
                .hasMessageContaining("relaxed");
        assertThatThrownBy(() -> TeacherTargets.blend(faces, faces.targets(), List.of(TEACHER), 1.5, work, quiet()))
                .hasMessageContaining("1.5");
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
