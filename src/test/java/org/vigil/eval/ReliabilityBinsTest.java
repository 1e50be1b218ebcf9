package org.vigil.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReliabilityBinsTest {

    /**
     * Seven answers in three of the 15 bins, by hand: (13/14 of 15, i.e. 0.933..1] holds four at 0.95
     * with three right, |0.75 - 0.95| = 0.2; (8/15, 9/15] holds two at 0.55 with one right, 0.05;
     * (4/15, 5/15] holds one at 0.30, right, 0.7. ECE = (4 x 0.2 + 2 x 0.05 + 1 x 0.7) / 7 = 1.6 / 7.
     */
    @Test
    void eceOfAHandMadeExample() {
        double[] conf = {0.95, 0.95, 0.95, 0.95, 0.55, 0.55, 0.30};
        boolean[] right = {true, true, true, false, true, false, true};
        ReliabilityBins r = ReliabilityBins.of(conf, right, ReliabilityBins.DEFAULT_BINS);
        assertThat(r.ece()).isCloseTo(1.6 / 7, within(1e-12));
        assertThat(r.total()).isEqualTo(7);
        assertThat(r.count(14)).isEqualTo(4);
        assertThat(r.count(8)).isEqualTo(2);
        assertThat(r.count(4)).isEqualTo(1);
        assertThat(r.accuracy(14)).isEqualTo(0.75);
        assertThat(r.confidence(8)).isCloseTo(0.55, within(1e-12));
        assertThat(r.accuracy(0)).isNaN();
    }

    @Test
    void calibratedAnswersHaveNoErrorAndCertaintyFallsInTheLastBin() {
        double[] conf = {0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 1.0};
        boolean[] right = {true, true, true, true, true, true, true, false, false, false, true};
        ReliabilityBins r = ReliabilityBins.of(conf, right, 10);
        assertThat(r.count(9)).isEqualTo(1);
        assertThat(r.count(6)).isEqualTo(10); // (0.6, 0.7]
        assertThat(r.ece()).isCloseTo(0, within(1e-12));
    }

    @Test
    void modelAnswersScoreTheirTopClass() {
        // Two faces, three classes: top-1 0.6 (right) and 0.8 (wrong): ECE = (|1-0.6| + |0-0.8|) / 2 = 0.6.
        double[][] p = {{0.6, 0.3, 0.1}, {0.1, 0.8, 0.1}};
        ModelAnswers a = ModelAnswers.of(p, new int[] {0, 2}, 1.0);
        assertThat(a.reliability(1.0, ReliabilityBins.DEFAULT_BINS).ece()).isCloseTo(0.6, within(1e-9));
        assertThat(a.accuracy(1.0)).isEqualTo(0.5);
        assertThat(a.nll(1.0)).isCloseTo(-(Math.log(0.6) + Math.log(0.1)) / 2, within(1e-9));
    }
}
