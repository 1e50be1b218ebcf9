package org.vigil.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vigil.train.Architecture;
import org.vigil.train.NetworkBuilder;

class ModelFileTest {
    @TempDir static Path tmp;
    static SameDiffEmotionModel model;

    /** A small real network (untrained weights, BN folded with unit statistics). */
    @BeforeAll
    static void build() {
        NetworkBuilder.TrainingNet net = NetworkBuilder.training(Architecture.COMPACT, 4, 48, 48, 4, 0, 11);
        Map<String, INDArray> mean = new HashMap<>(), var = new HashMap<>();
        for (String l : net.bnLayers()) {
            long c = net.graph().getVariable(l + "_gamma").getArr().length();
            mean.put(l, org.nd4j.linalg.factory.Nd4j.zeros(c));
            var.put(l, org.nd4j.linalg.factory.Nd4j.ones(c));
        }
        SameDiff inf = NetworkBuilder.inference(Architecture.COMPACT, 4, 48, 48,
                NetworkBuilder.fold(net.graph(), net.bnLayers(), mean, var));
        model = new SameDiffEmotionModel(inf, meta(EmotionLabels.FOUR, 48));
    }

    static ModelMetadata meta(List<String> labels, int size) {
        return new ModelMetadata(ModelMetadata.FORMAT_VERSION, "test-model", "compact", "samediff", labels, size, size,
                NetworkBuilder.INFERENCE_LAYOUT, Preprocessing.SYMMETRIC, NetworkBuilder.INPUT, NetworkBuilder.PROBS, "none", Instant.now().toString(),
                1, Map.of());
    }

    static List<byte[]> faces(int n) {
        Random r = new Random(5);
        List<byte[]> f = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[48 * 48];
            r.nextBytes(b);
            f.add(b);
        }
        return f;
    }

    @Test
    void saveAndLoadGiveTheSamePredictions() throws IOException {
        Path file = tmp.resolve("m.vigil");
        ModelFile.save(model, file);
        try (EmotionModel loaded = ModelFile.load(file)) {
            assertThat(loaded.metadata()).isEqualTo(model.metadata());
            float[][] a = model.predict(faces(3)), b = loaded.predict(faces(3));
            for (int i = 0; i < 3; i++) assertThat(b[i]).containsExactly(a[i], org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void batchOfOneEqualsBatchOfMany() {
        List<byte[]> f = faces(5);
        float[][] all = model.predict(f);
        float[][] one = model.predict(List.of(f.get(3)));
        assertThat(one[0]).containsExactly(all[3], org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void notAZipIsAClearError() throws IOException {
        Path file = tmp.resolve("garbage.vigil");
        Files.writeString(file, "this is not a model");
        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("garbage.vigil").hasMessageContaining("not a Vigil model file");
    }

    @Test
    void kerasFileGivenDirectlyIsPointedToImport() throws IOException {
        Path h5 = tmp.resolve("fake.h5");
        try (OutputStream os = Files.newOutputStream(h5); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("something"));
            z.closeEntry();
        }
        assertThatThrownBy(() -> ModelFile.load(h5)).hasMessageContaining("fake.h5").hasMessageContaining("import-keras");
    }

    @Test
    void truncatedFileIsAClearError() throws IOException {
        Path good = tmp.resolve("good.vigil");
        ModelFile.save(model, good);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = tmp.resolve("cut.vigil");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ModelFile.load(cut)).isInstanceOf(ModelFileException.class).hasMessageContaining("cut.vigil");
    }

    @Test
    void labelsThatDoNotMatchTheNetworkAreRejected() throws IOException {
        Path good = tmp.resolve("seven-labels.vigil");
        ModelFile.save(new SameDiffEmotionModel(model.graph(), meta(EmotionLabels.FER7, 48)), good);
        assertThatThrownBy(() -> ModelFile.load(good)).hasMessageContaining("seven-labels.vigil")
                .hasMessageContaining("gives 4 outputs but metadata lists 7 labels");
    }

    @Test
    void wrongInputSizeIsRejected() throws IOException {
        Path file = tmp.resolve("size.vigil");
        ModelFile.save(new SameDiffEmotionModel(model.graph(), meta(EmotionLabels.FOUR, 40)), file);
        assertThatThrownBy(() -> ModelFile.load(file)).hasMessageContaining("size.vigil");
    }

    @Test
    void unsupportedFormatVersionIsNamed() throws IOException {
        Path good = tmp.resolve("v.vigil");
        ModelFile.save(model, good);
        Path future = tmp.resolve("future.vigil");
        rewriteMetadata(good, future, json -> json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 99"));
        assertThatThrownBy(() -> ModelFile.load(future)).hasMessageContaining("future.vigil").hasMessageContaining("formatVersion 99");
    }

    /** Files written before calibration existed have no temperature: they load uncalibrated (T = 1). */
    @Test
    void metadataWithoutTemperatureLoadsWithTemperatureOne() throws IOException {
        Path calibrated = tmp.resolve("calibrated.vigil");
        ModelFile.save(model, model.metadata().withTemperature(2.5), calibrated);
        assertThat(ModelFile.readMetadata(calibrated).temperature()).isEqualTo(2.5);
        Path old = tmp.resolve("old.vigil");
        rewriteMetadata(calibrated, old, json -> json.replaceAll(",\\s*\"temperature\"\\s*:\\s*2\\.5", ""));
        assertThat(metadataJson(old)).doesNotContain("temperature");
        try (EmotionModel loaded = ModelFile.load(old)) {
            assertThat(loaded.metadata().temperature()).isEqualTo(ModelMetadata.DEFAULT_TEMPERATURE);
            float[][] a = model.predict(faces(2)), b = loaded.predict(faces(2));
            for (int i = 0; i < 2; i++) assertThat(b[i]).containsExactly(a[i], org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void nonPositiveTemperatureIsRejectedWithTheFileName() throws IOException {
        Path good = tmp.resolve("t.vigil");
        ModelFile.save(model, good);
        Path bad = tmp.resolve("cold.vigil");
        rewriteMetadata(good, bad, json -> json.replace("\"temperature\" : 1.0", "\"temperature\" : -2.0"));
        assertThatThrownBy(() -> ModelFile.load(bad)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("cold.vigil").hasMessageContaining("temperature must be a positive number, got -2.0");
    }

    private static String metadataJson(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new String(zip.getInputStream(zip.getEntry(ModelFile.METADATA_ENTRY)).readAllBytes());
        }
    }

    /** Copies a model file with its metadata JSON edited, as an older or hand-edited file would be. */
    private static void rewriteMetadata(Path from, Path to, java.util.function.UnaryOperator<String> edit) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream os = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(os)) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                byte[] data = in.getInputStream(e).readAllBytes();
                if (e.getName().equals(ModelFile.METADATA_ENTRY)) data = edit.apply(new String(data)).getBytes();
                out.write(data);
                out.closeEntry();
            }
        }
    }
}
