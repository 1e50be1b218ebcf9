package org.vigil.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.classify.EmotionLabels;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.ModelLoader;
import org.vigil.data.FerPlusLoader;
import org.vigil.data.ImageSet;
import org.vigil.data.ImageSetLoader;
import org.vigil.testing.SharedFiles;

/** Calm faces read as distress, split by how many of the crowd saw distress in them. */
class CrowdAgreementTest {
    private static final List<String> FOUR = EmotionLabels.FOUR; // angry happy relaxed sad

    /** Five faces of one pixel: majority labels, the crowd's angry+sad votes and the model's answers. */
    @Test
    void calmFacesAreCountedInTheBandOfTheirDistressVotes() {
        int[] labels = {2, 2, 2, 1, 3};          // relaxed relaxed relaxed happy sad (angry happy relaxed sad)
        int[] distressVotes = {0, 0, 1, 4, 8};   // the sad face is not calm: not counted
        double[][] answers = {
                {0.1, 0.1, 0.2, 0.6},   // read as sad though nobody saw distress: a steady misreading
                {0.1, 0.1, 0.7, 0.1},   // read as relaxed
                {0.5, 0.1, 0.3, 0.1},   // read as angry, 1 of 10 saw distress
                {0.1, 0.3, 0.1, 0.5},   // read as sad, 4 of 10 saw it: the crowd's own doubt
                {0.1, 0.1, 0.1, 0.7}};
        ImageSet set = new ImageSet(FOUR, 1, 1, new byte[5], labels, "five faces");

        CrowdAgreement crowd = CrowdAgreement.of(set, distressVotes, ModelAnswers.of(answers, labels, 1.0), 1.0);

        assertThat(crowd.bands()).extracting(CrowdAgreement.Band::faces).containsExactly(2, 1, 0, 0, 1);
        assertThat(crowd.bands()).extracting(CrowdAgreement.Band::readAsDistress).containsExactly(1, 1, 0, 0, 1);
        assertThat(crowd.agreedCalm().faces()).isEqualTo(3);
        assertThat(crowd.agreedCalm().readAsDistress()).isEqualTo(2);
        assertThat(crowd.report()).contains("0 votes").contains("4+ votes").contains("66.67% (2 of 3)");
        assertThat(crowd.summary()).containsEntry("agreed_calm_as_distress", 0.6667);
        assertThatThrownBy(() -> CrowdAgreement.of(set, new int[4], ModelAnswers.of(answers, labels, 1.0), 1.0))
                .hasMessageContaining("five faces").hasMessageContaining("4 vote rows");
    }

    /** On FER+ test with the shipped 7-class model the bands add up to the confusion matrix's calm faces and errors. */
    @Test
    void onFerPlusTestTheBandsAddUpToTheCalmRow() throws Exception {
        Path test = SharedFiles.require("data/ferplus/test");
        ImageSet set = ImageSetLoader.load(test, EmotionLabels.forClassCount(7), 48, 48, null);
        try (EmotionModel model = ModelLoader.load(Path.of("models/vigil-ferplus7-compact.vigil"))) {
            Evaluation ev = Evaluator.assess(model, set);
            int[] votes = CrowdAgreement.distressVotes(FerPlusLoader.keptVotes(test, EmotionLabels.forClassCount(7)));
            CrowdAgreement crowd = CrowdAgreement.of(set, votes, ev.answers(), ev.temperature());

            int calm = crowd.bands().stream().mapToInt(CrowdAgreement.Band::faces).sum();
            int read = crowd.bands().stream().mapToInt(CrowdAgreement.Band::readAsDistress).sum();
            ConfusionMatrix cm = ev.confusion();
            assertThat((long) calm).isEqualTo(cm.support(cm.labels().indexOf("happy")) + cm.support(cm.labels().indexOf("neutral")));
            assertThat(read / (double) calm).isEqualTo(cm.calmAsDistress());
            // label.csv: 1,306 test faces with a neutral or happy majority have no sadness or anger vote at all.
            assertThat(crowd.bands().get(0).faces()).isEqualTo(1306);
            // The crowd's own doubt is where the misreadings are: a face four in ten saw as distress is read
            // as distress far more often than one nobody did.
            assertThat(crowd.bands().get(4).share()).isGreaterThan(5 * crowd.bands().get(0).share());
        }
    }
}
