package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.base.Defaults;
import org.vigil.classify.EmotionModel;

/** A model file replaced while Vigil runs: said once per change, never a crash, the loaded model keeps working. */
class ModelFileWatchTest {
    @Test
    void replacingTheModelFileIsReportedAndTheLoadedModelStays(@TempDir Path dir) throws Exception {
        Path file = Files.copy(Defaults.MODEL, dir.resolve("ward.vigil"));
        LinkedBlockingQueue<String> said = new LinkedBlockingQueue<>();
        try (EmotionModel model = Vigil.loadModel(file); ModelFileWatch watch = new ModelFileWatch(file, 0.1, said::add)) {
            byte[] face = new byte[model.metadata().inputHeight() * model.metadata().inputWidth()];
            float[] before = model.predict(List.of(face))[0];
            Thread.sleep(300);
            assertThat(said).as("nothing changed: nothing said").isEmpty();

            Files.writeString(dir.resolve("half.tmp"), "not a model");
            Files.move(dir.resolve("half.tmp"), file, StandardCopyOption.REPLACE_EXISTING);
            String broken = said.poll(10, TimeUnit.SECONDS);
            assertThat(broken).contains(file.toString()).contains("not a valid model").contains("stays in use");
            assertThat(model.predict(List.of(face))[0]).as("the loaded model still answers, unchanged").containsExactly(before);

            Path other = Path.of("models/vigil-ferplus7-compact.vigil");
            Files.copy(other, dir.resolve("new.tmp"));
            Files.move(dir.resolve("new.tmp"), file, StandardCopyOption.REPLACE_EXISTING);
            String replaced = said.poll(10, TimeUnit.SECONDS);
            assertThat(replaced).contains("another model").contains("7 classes");
            Thread.sleep(300);
            assertThat(said).as("once per change").isEmpty();
            assertThat(model.labels()).hasSize(4);
        }
    }
}
