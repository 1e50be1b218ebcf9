package org.vigil.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchPrefetcherTest {
    @Test
    void givesEveryBatchInOrderThenRefuses() {
        List<Integer> got = new ArrayList<>();
        try (BatchPrefetcher<Integer> p = new BatchPrefetcher<>(50, 2, i -> i * i)) {
            for (int i = 0; i < 50; i++) got.add(p.next());
            assertThatThrownBy(p::next).isInstanceOf(IllegalStateException.class);
        }
        for (int i = 0; i < 50; i++) assertThat(got.get(i)).isEqualTo(i * i);
    }

    @Test
    void aFailureWhileBuildingReachesTheTrainingThread() {
        try (BatchPrefetcher<Integer> p = new BatchPrefetcher<>(5, 2, i -> {
            if (i == 1) throw new IllegalArgumentException("bad image " + i);
            return i;
        })) {
            assertThat(p.next()).isZero();
            assertThatThrownBy(p::next).hasMessage("bad image 1");
        }
    }
}
