package org.vigil.nd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

class InferenceThreadsTest {
    @Test
    void smallBatchesRunOnOneThreadAndTheCallersSettingComesBack() {
        Nd4j.create(1); // load the backend
        var ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int before = ops.ompGetMaxThreads();
        int during = InferenceThreads.run(1, ops::ompGetMaxThreads);
        assertThat(during).isEqualTo(1);
        assertThat(ops.ompGetMaxThreads()).isEqualTo(before);
        int big = InferenceThreads.run(256, ops::ompGetMaxThreads);
        assertThat(big).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(ops.ompGetMaxThreads()).isEqualTo(before);
    }

    @Test
    void aForcedCountWins() {
        System.setProperty(InferenceThreads.PROPERTY, "3");
        try {
            assertThat(InferenceThreads.threadsFor(1)).isEqualTo(3);
            assertThat(InferenceThreads.threadsFor(500)).isEqualTo(3);
        } finally {
            System.clearProperty(InferenceThreads.PROPERTY);
        }
        assertThat(InferenceThreads.threadsFor(InferenceThreads.SMALL_BATCH - 1)).isEqualTo(1);
    }
}
