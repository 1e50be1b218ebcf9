package org.vigil.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearestRankTest {
    @Test
    void theSmallestSampleWithAtLeastThatShareAtOrBelowIt() {
        assertThat(NearestRank.index(100, 0.99)).as("p99 of 1..100 is 99").isEqualTo(98);
        assertThat(NearestRank.index(10, 0.5)).as("median of ten: the 5th, not a mean of 5th and 6th").isEqualTo(4);
        assertThat(NearestRank.index(10, 0.51)).isEqualTo(5);
        assertThat(NearestRank.index(3, 0.9)).isEqualTo(2);
        assertThat(NearestRank.index(1, 0.5)).isZero();
        assertThat(NearestRank.index(4, 0)).as("q 0: the smallest").isZero();
        assertThat(NearestRank.index(4, 1)).as("q 1: the largest").isEqualTo(3);
    }

    @Test
    void ofSortedValuesTakesThatSampleAndNoneIsNaN() {
        assertThat(NearestRank.of(List.of(1.0, 2.0, 3.0, 4.0, 10.0), 0.5)).isEqualTo(3.0);
        assertThat(NearestRank.of(List.of(1.0, 2.0, 3.0, 4.0, 10.0), 0.9)).isEqualTo(10.0);
        assertThat(NearestRank.of(List.of(1.0, 2.0, 3.0, 4.0, 10.0), 1.0)).as("the largest").isEqualTo(10.0);
        assertThat(NearestRank.of(List.of(), 1.0)).isNaN();
        assertThat(NearestRank.of(List.of(), 0.5)).as("a bed with no acknowledged alert").isNaN();
    }

    @Test
    void noSamplesOrAShareOutsideZeroToOneIsRefusedByName() {
        assertThatThrownBy(() -> NearestRank.index(0, 0.5)).hasMessageContaining("no samples");
        assertThatThrownBy(() -> NearestRank.index(5, 99)).hasMessageContaining("99.0 is outside 0..1");
        assertThatThrownBy(() -> NearestRank.index(5, Double.NaN)).hasMessageContaining("NaN");
    }
}
