package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.rules.Assessability;
import org.vigil.pipeline.BedState;
import org.vigil.pipeline.BedStatus;

/** A bed's history: an hour kept, the oldest dropped, fixed storage, gaps and restarts kept honest. */
class BedFeedHistoryTest {
    private static BedStatus status(double t, BedState s, Map<String, Double> e) {
        return new BedStatus("Bed 1", t, s, Assessability.OK, e, 0.9, 0, null, 5);
    }

    private static final Map<String, Double> CALM = Map.of("angry", 0.05, "happy", 0.2, "relaxed", 0.7, "sad", 0.05);

    @Test
    void keepsTheLastHourAndNoMore() {
        BedFeed feed = new BedFeed("Bed 1");
        for (int i = 0; i <= 3 * 3600 * 2; i++) feed.status(status(i / 2.0, BedState.CALM, CALM)); // 3 h at 2 Hz
        HistorySlice h = feed.history(0);
        double now = 3 * 3600;
        assertThat(h.t(0)).as("oldest kept").isBetween(now - BedFeed.HISTORY_SECONDS, now - BedFeed.HISTORY_SECONDS + 1);
        assertThat(h.t(h.size() - 1)).isEqualTo(now);
        assertThat(h.size()).as("one point per half second").isEqualTo((int) (BedFeed.HISTORY_SECONDS / BedFeed.HISTORY_STEP) + 1);
        assertThat(h.score(h.size() - 1, "relaxed")).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(h.distress(h.size() - 1)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(feed.history(now - 60).size()).as("the last minute").isEqualTo(121);
    }

    @Test
    void stateChangesBetweenStepsAreKeptAndAFullRingDropsTheOldest() {
        BedFeed feed = new BedFeed("Bed 1");
        // A state flapping every 0.1 s: every status is a change, so the ring fills before an hour passes.
        int n = BedFeed.HISTORY_CAPACITY + 500;
        for (int i = 0; i < n; i++) feed.status(status(i / 10.0, i % 2 == 0 ? BedState.CALM : BedState.DISTRESS_BUILDING, CALM));
        HistorySlice h = feed.history(0);
        assertThat(h.size()).isEqualTo(BedFeed.HISTORY_CAPACITY);
        assertThat(h.t(0)).as("the oldest 500 went").isEqualTo(500 / 10.0);
        assertThat(h.state(h.size() - 1)).isEqualTo((n - 1) % 2 == 0 ? BedState.CALM : BedState.DISTRESS_BUILDING);
    }

    @Test
    void notAssessablePointsHaveNoScoresAndARestartedStreamStartsOver() {
        BedFeed feed = new BedFeed("Bed 1");
        feed.status(status(10, BedState.CALM, CALM));
        feed.status(status(11, BedState.CANNOT_ASSESS, Map.of()));
        HistorySlice h = feed.history(0);
        assertThat(h.size()).isEqualTo(2);
        assertThat(h.distress(1)).as("no made-up score where the face was not seen").isNaN();
        assertThat(h.score(1, "sad")).isNaN();
        assertThat(h.score(0, "fear")).as("a class the model does not have").isNaN();

        feed.status(status(2, BedState.CALM, CALM)); // the stream's clock went back: another stream
        assertThat(feed.history(0).size()).isEqualTo(1);

        feed.status(status(3, BedState.CALM, Map.of("angry", 0.1, "neutral", 0.9))); // another model's classes
        HistorySlice swapped = feed.history(0);
        assertThat(swapped.size()).isEqualTo(1);
        assertThat(swapped.labels()).containsExactly("angry", "neutral");
    }
}
