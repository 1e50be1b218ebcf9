package org.vigil.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.vigil.classify.EmotionLabels;

/**
 * The training graph's batch norm is now written differently (see NetworkBuilder.BatchNormOps):
 * weights and checkpoints written before the change must still start (--init-from) and continue
 * (--resume) runs, and give the same network.
 */
class CheckpointCompatibilityTest {
    private static final Path OLD_RUN = Path.of("models/training/vigil-fer7-compact");
    @TempDir Path tmp;

    /** --init-from the shipped model's weights (saved by the old graph): same BN statistics and loss in the new graph. */
    @Test
    void oldBestWeightsStartTheNewGraphAsTheSameNetwork() throws Exception {
        Path weights = OLD_RUN.resolve(Trainer.BEST_WEIGHTS);
        assumeTrue(Files.isRegularFile(weights), "no " + weights);
        SameDiff old = SameDiff.load(weights.toFile(), false);
        NetworkBuilder.TrainingNet net = NetworkBuilder.training(Architecture.COMPACT, 7, 48, 48, 64, 0.3, 1);
        WeightTransfer.copy(weights, net.graph(), EmotionLabels.FER7, new PrintStream(new ByteArrayOutputStream()));

        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 1, 48, 48).subi(0.5).muli(2);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 64, 7);
        for (int i = 0; i < 64; i++) y.putScalar(i, i % 7, 1);
        List<String> outs = new ArrayList<>(List.of(NetworkBuilder.LOSS));
        for (String l : net.bnLayers()) {
            outs.add(NetworkBuilder.meanName(l));
            outs.add(NetworkBuilder.varName(l));
        }
        Map<String, INDArray> feed = Map.of(NetworkBuilder.INPUT, x, NetworkBuilder.LABELS, y);
        Nd4j.getRandom().setSeed(3); // same dropout mask in both
        Map<String, INDArray> a = old.output(feed, outs);
        Nd4j.getRandom().setSeed(3);
        Map<String, INDArray> b = net.graph().output(feed, outs);
        for (String o : outs) {
            double scale = Math.max(a.get(o).amaxNumber().doubleValue(), 1e-6);
            assertThat(a.get(o).sub(b.get(o)).amaxNumber().doubleValue() / scale).as(o).isLessThan(1e-4);
        }
    }

    /** --resume loads the checkpoint's own graph: an old checkpoint and one written by the new graph both train on. */
    @Test
    void oldAndNewCheckpointsResumeTraining() throws Exception {
        Path oldCheckpoint = OLD_RUN.resolve(Trainer.CHECKPOINT);
        assumeTrue(Files.isRegularFile(oldCheckpoint), "no " + oldCheckpoint);
        SameDiff fresh = NetworkBuilder.training(Architecture.COMPACT, 7, 48, 48, 8, 0.3, 1).graph();
        fresh.setTrainingConfig(Trainer.trainingConfig(new AdjustableRate(1e-3), 1e-4));
        NetworkBuilder.createGradientsQuietly(fresh);
        DataSet ds = batch(8);
        fresh.fit(ds);
        Path newCheckpoint = tmp.resolve("new.samediff");
        fresh.save(newCheckpoint.toFile(), true);

        for (Path p : List.of(oldCheckpoint, newCheckpoint)) {
            SameDiff sd = SameDiff.load(p.toFile(), true);
            assertThat(sd.getTrainingConfig()).as(p + " optimiser state").isNotNull();
            int batch = p.equals(oldCheckpoint) ? 64 : 8; // the dropout mask has the batch size of the run
            INDArray before = sd.getVariable("c1_w").getArr().dup();
            NetworkBuilder.createGradientsQuietly(sd);
            sd.fit(batch(batch));
            assertThat(sd.getVariable("c1_w").getArr()).as(p + " trains").isNotEqualTo(before);
        }
    }

    private static DataSet batch(int n) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 7);
        for (int i = 0; i < n; i++) y.putScalar(i, i % 7, 1);
        return new DataSet(Nd4j.rand(DataType.FLOAT, n, 1, 48, 48), y);
    }
}
