package org.vigil.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.KerasImporter;
import org.vigil.classify.EmotionLabels;
import org.vigil.classify.ModelFile;
import org.vigil.classify.Preprocessing;
import org.vigil.classify.SameDiffEmotionModel;
import org.vigil.data.ImageSetLoader;
import org.vigil.testing.Cli;
import org.vigil.testing.SharedFiles;

/**
 * Model files written before 2026-12-02 (NCHW) run in today's inference graph (NHWC) after
 * {@code ./run.sh rebuild-model}, with the same answers. The "old" file here is the shipped default's
 * weights in such a graph, built by the code that wrote it then.
 */
class ModelRebuildTest {
    static final Path SHIPPED = Path.of("models/vigil-ferplus4-resnet.vigil");
    @TempDir static Path tmp;
    static List<byte[]> realFaces;

    @BeforeAll
    static void faces() {
        var set = ImageSetLoader.load(SharedFiles.require("data/ferplus/test"), EmotionLabels.forClassCount(7), 48, 48, "Training")
                .limitPerClass(3, 1);
        realFaces = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) realFaces.add(set.image(i));
    }

    /** The shipped model's weights in the graph Vigil wrote before 2026-12-02: NCHW. */
    static Path oldFormCopy(String name) throws Exception {
        try (EmotionModel shipped = ModelFile.load(SHIPPED)) {
            SameDiffEmotionModel sd = (SameDiffEmotionModel) shipped;
            var m = sd.metadata();
            var graph = NetworkBuilder.inferenceAsBefore20261202(Architecture.parse(m.architecture()), m.classes(),
                    m.inputHeight(), m.inputWidth(), ModelRebuild.weights(sd.graph()));
            Path file = tmp.resolve(name);
            ModelFile.save(new SameDiffEmotionModel(graph, m.withLayout("NCHW")), file);
            return file;
        }
    }

    @Test
    void everyShippedVigilModelIsInTodaysForm() throws Exception {
        List<Path> files;
        try (var s = Files.list(Path.of("models"))) {
            files = s.filter(p -> p.toString().endsWith(".vigil")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        for (Path f : files) {
            try (EmotionModel m = ModelFile.load(f)) {
                assertThat(m.metadata().layout()).as(f.toString()).isEqualTo(NetworkBuilder.INFERENCE_LAYOUT);
                assertThat(ModelRebuild.sameGraph((SameDiffEmotionModel) m, ModelRebuild.of(m))).as(f.toString()).isTrue();
            }
        }
    }

    @Test
    void anOldFormModelGivesTheSameProbabilitiesRebuilt() throws Exception {
        Path old = oldFormCopy("old.vigil");
        try (EmotionModel before = ModelFile.load(old); EmotionModel shipped = ModelFile.load(SHIPPED)) {
            assertThat(before.metadata().layout()).isEqualTo("NCHW");
            SameDiffEmotionModel after = ModelRebuild.of(before);
            assertThat(ModelRebuild.sameGraph((SameDiffEmotionModel) before, after)).isFalse();
            assertThat(after.metadata().layout()).isEqualTo("NHWC");
            assertThat(after.metadata().withLayout("NCHW")).isEqualTo(before.metadata());
            assertThat(after.graph().getVariable(NetworkBuilder.INPUT).getShape()).containsExactly(-1, 48, 48, 1);
            assertThat(ModelRebuild.maxDifference(before, after, realFaces)).isLessThan(1e-5);
            assertThat(ModelRebuild.maxDifference(shipped, after, realFaces)).isLessThan(1e-5);
            // Batched and single faces alike (one thread below 32 faces, every core above).
            assertThat(ModelRebuild.maxDifference(before, after, realFaces.subList(0, 1))).isLessThan(1e-5);
            assertThat(ModelRebuild.sameGraph(after, ModelRebuild.of(after))).isTrue();
        }
    }

    @Test
    void theCommandRewritesInPlaceAndLeavesCurrentFilesAlone() throws Exception {
        Path old = oldFormCopy("cmd.vigil");
        Cli.Run run = Cli.run("rebuild-model", old.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains(old + ": rebuilt (NCHW -> NHWC)", "64 faces agree");
        assertThat(ModelFile.readMetadata(old).layout()).isEqualTo("NHWC");
        try (EmotionModel rewritten = ModelFile.load(old); EmotionModel shipped = ModelFile.load(SHIPPED)) {
            assertThat(ModelRebuild.maxDifference(shipped, rewritten, realFaces)).isLessThan(1e-5);
        }
        byte[] bytes = Files.readAllBytes(old);
        Cli.Run again = Cli.run("rebuild-model", old.toString());
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("already in today's form");
        assertThat(Files.readAllBytes(old)).isEqualTo(bytes);
    }

    @Test
    void aKerasImportOrAMissingFileIsRefusedByName() throws Exception {
        Path h5 = SharedFiles.require("models/keras/fer2013_mini_XCEPTION.102-0.66.hdf5");
        EmotionModel keras = KerasImporter.importModel(h5, EmotionLabels.FER7, Preprocessing.SYMMETRIC);
        assertThatThrownBy(() -> ModelRebuild.of(keras)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dl4j-graph").hasMessageContaining("no weights to rebuild from");
        Path missing = tmp.resolve("nope.vigil");
        Cli.Run run = Cli.run("rebuild-model", missing.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("nope.vigil", "not rewritten");
    }
}
