package org.vigil.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLogTest {
    @Test
    void readsALogWrittenByAnEarlierTrainer() {
        // the ResNet teacher's log: its first epochs were written with String.format before TrainingLog existed
        List<TrainingLog.Epoch> log = TrainingLog.read(Path.of("models/training/vigil-ferplus7-resnet/training-log.csv"));
        assertThat(log).hasSizeGreaterThanOrEqualTo(4);
        assertThat(log.get(0)).isEqualTo(new TrainingLog.Epoch(1, 0.001, 1.00925, 0.99872, 0.65074, 0.64467, 478.6, 55.9));
        assertThat(log.get(3).valAccuracy()).isEqualTo(0.75816);
    }

    @Test
    void appendedEpochsReadBackRoundedAndDrawAsCurves(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("training-log.csv");
        TrainingLog.start(csv);
        TrainingLog.append(csv, new TrainingLog.Epoch(1, 0.001, 1.234567, 1.1, 0.5, 0.45, 12.345, 93.21));
        TrainingLog.append(csv, new TrainingLog.Epoch(2, 0.0005, 0.9, 0.95, 0.6, 0.55, 11.0, 95.0));
        assertThat(Files.readAllLines(csv)).first()
                .isEqualTo("epoch,lr,train_loss,val_loss,val_accuracy,train_accuracy,seconds,images_per_second");
        List<TrainingLog.Epoch> back = TrainingLog.read(csv);
        assertThat(back).hasSize(2);
        assertThat(back.get(0).trainLoss()).isEqualTo(1.23457);
        assertThat(back.get(0).seconds()).isEqualTo(12.3);
        assertThat(back.get(1).lr()).isEqualTo(0.0005);
        Path png = dir.resolve("curves.png");
        Charts.learningCurves(csv, png);
        assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isEqualTo(800);
    }

    @Test
    void aBrokenLogNamesTheFile(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("training-log.csv"), "epoch,lr\n1,not-a-number\n");
        assertThatThrownBy(() -> TrainingLog.read(csv)).hasMessageContaining("training-log.csv").hasMessageContaining("not-a-number");
    }
}
