package org.vigil.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.classify.EmotionLabels;

class ConfusionMatrixTest {
    @Test
    void metricsFollowFromCounts() {
        ConfusionMatrix cm = new ConfusionMatrix(List.of("a", "b"));
        // 8 a: 6 right, 2 called b; 4 b: 3 right, 1 called a
        for (int i = 0; i < 6; i++) cm.add(0, 0);
        for (int i = 0; i < 2; i++) cm.add(0, 1);
        for (int i = 0; i < 3; i++) cm.add(1, 1);
        cm.add(1, 0);
        assertThat(cm.total()).isEqualTo(12);
        assertThat(cm.accuracy()).isCloseTo(9 / 12.0, within(1e-9));
        assertThat(cm.precision(0)).isCloseTo(6 / 7.0, within(1e-9));
        assertThat(cm.recall(0)).isCloseTo(6 / 8.0, within(1e-9));
        assertThat(cm.f1(1)).isCloseTo(2 * (3 / 5.0) * (3 / 4.0) / (3 / 5.0 + 3 / 4.0), within(1e-9));
        assertThat(cm.normalised()[0]).containsExactly(0.75, 0.25);
        assertThat(cm.report()).contains("accuracy").contains("a ").contains("b ");
    }

    @Test
    void calmAsDistressCountsHappyAndNeutralCalledAngryOrSad() {
        ConfusionMatrix cm = new ConfusionMatrix(EmotionLabels.FER7);
        int happy = EmotionLabels.FER7.indexOf("happy"), neutral = EmotionLabels.FER7.indexOf("neutral");
        int sad = EmotionLabels.FER7.indexOf("sad"), angry = EmotionLabels.FER7.indexOf("angry");
        int fear = EmotionLabels.FER7.indexOf("fear");
        cm.add(happy, happy);
        cm.add(happy, sad);      // calm -> distress
        cm.add(neutral, angry);  // calm -> distress
        cm.add(neutral, fear);   // calm -> other, not counted
        cm.add(sad, sad);        // not calm, ignored
        assertThat(cm.calmAsDistress()).isCloseTo(2 / 4.0, within(1e-9));
    }

    @Test
    void noCalmImagesGivesNaN() {
        ConfusionMatrix cm = new ConfusionMatrix(List.of("angry", "sad"));
        cm.add(0, 1);
        assertThat(cm.calmAsDistress()).isNaN();
    }
}
