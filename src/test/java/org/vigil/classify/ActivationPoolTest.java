package org.vigil.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vigil.base.Defaults;
import org.vigil.data.ImageSet;
import org.vigil.data.ImageSetLoader;
import org.vigil.testing.SharedFiles;

/** The inference session's activation pool, on the shipped default (the ResNet whose speed it is for). */
class ActivationPoolTest {
    /** Real faces: on random pixels the network's answers saturate, and a wrong activation could go unseen. */
    static ImageSet real;

    @BeforeAll
    static void faces() {
        real = ImageSetLoader.load(SharedFiles.require("data/ferplus/test"), EmotionLabels.forClassCount(4), 48, 48, "Training");
    }

    private static List<byte[]> faces(Random r, int n) {
        List<byte[]> faces = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] f = new byte[48 * 48];
            r.nextBytes(f);
            faces.add(f);
        }
        return faces;
    }

    @Test
    void answersAreExactlyThoseOfNdFourJsOwnSessionOverManyCallsOfMixedSizes() {
        try (SameDiffEmotionModel pooled = (SameDiffEmotionModel) ModelFile.load(Defaults.MODEL);
             SameDiffEmotionModel plain = (SameDiffEmotionModel) ModelFile.load(Defaults.MODEL)) {
            ModelMetadata meta = pooled.metadata();
            int[] sizes = {1, 64, 3, 64, 1, 17, 64, 2, 64, 64};
            int next = 0;
            for (int size : sizes) {
                List<byte[]> faces = new ArrayList<>();
                for (int i = 0; i < size; i++) faces.add(real.image(next++));
                INDArray in = InputTensor.of(meta, faces);
                INDArray mine = pooled.forward(in);
                INDArray theirs = plain.graph().output(Map.of(meta.inputName(), in), meta.outputName()).get(meta.outputName());
                assertThat(mine.shape()).isEqualTo(theirs.shape());
                assertThat(mine.ravel().toFloatVector()).as("batch of %d", size).containsExactly(theirs.ravel().toFloatVector());
            }
            assertThat(pooled.pool().created()).as("the pool was the session's memory manager").isPositive();
        }
    }

    @Test
    void onceWarmACallTakesNoNewMemory() {
        try (SameDiffEmotionModel m = (SameDiffEmotionModel) ModelFile.load(Defaults.MODEL)) {
            Random r = new Random(9);
            for (int i = 0; i < 3; i++) m.predict(faces(r, 64));
            long warm = m.pool().created();
            for (int i = 0; i < 5; i++) m.predict(faces(r, 64));
            assertThat(m.pool().created()).isEqualTo(warm);
            assertThat(m.pool().idleBytes()).isPositive().isLessThanOrEqualTo(ActivationPool.MAX_IDLE_BYTES);
        }
    }

    @Test
    void anArrayHandedBackDuringACallIsLentAgainInIt() {
        ActivationPool pool = new ActivationPool(1L << 20);
        INDArray a = pool.allocate(true, DataType.FLOAT, 10, 10);
        pool.release(a);
        assertThat(pool.allocate(true, DataType.FLOAT, 10, 10)).isSameAs(a);
        assertThat(pool.allocate(true, DataType.FLOAT, 10, 10)).isNotSameAs(a);
        assertThat(pool.created()).isEqualTo(2);
        pool.close();
    }

    @Test
    void idleArraysBeyondTheBudgetAreFreedLeastRecentlyUsedShapeFirst() {
        ActivationPool pool = new ActivationPool(10_000); // bytes: two of the 4,000-byte arrays below
        INDArray old = pool.allocate(true, DataType.FLOAT, 1000);
        pool.reclaim();
        INDArray mid = pool.allocate(true, DataType.FLOAT, 10, 100);
        pool.reclaim();
        INDArray recent = pool.allocate(true, DataType.FLOAT, 100, 10);
        pool.reclaim();
        assertThat(pool.idleBytes()).isEqualTo(8_000);
        assertThat(old.wasClosed()).as("least recently used").isTrue();
        assertThat(mid.wasClosed()).isFalse();
        assertThat(pool.allocate(true, DataType.FLOAT, 100, 10)).isSameAs(recent);
        assertThat(pool.allocate(true, DataType.FLOAT, 10, 100)).isSameAs(mid);
        assertThat(pool.created()).isEqualTo(3);
        pool.close();
        assertThat(recent.wasClosed()).as("lent arrays are left to the garbage collector").isFalse();
    }

    @Test
    void anArrayClosedElsewhereIsNeverLentAgain() {
        ActivationPool pool = new ActivationPool(1L << 20);
        INDArray a = pool.allocate(true, DataType.FLOAT, 10, 10);
        pool.reclaim();
        a.close();
        INDArray b = pool.allocate(true, DataType.FLOAT, 10, 10);
        assertThat(b).isNotSameAs(a);
        assertThat(b.wasClosed()).isFalse();
        assertThat(pool.created()).isEqualTo(2);
        pool.reclaim();
        assertThat(pool.idleBytes()).isEqualTo(400);
        pool.close();
    }
}
