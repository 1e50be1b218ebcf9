package org.vigil.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.classify.EmotionLabels;
import org.vigil.data.ImageSet;
import org.vigil.testing.SharedFiles;

class FerPlusLoaderTest {
    @TempDir Path tmp;

    @Test
    void readsEveryRowOfTheRealLabelFiles() throws IOException {
        for (String split : List.of("train", "valid", "test")) {
            Path csv = SharedFiles.require("data/ferplus/" + split + "/label.csv");
            long rows = Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).count();
            List<FerPlusLoader.Votes> votes = FerPlusLoader.readVotes(csv);
            assertThat(votes).as(split).hasSize((int) rows);
            assertThat(votes).allSatisfy(v -> assertThat(v.counts()).hasSize(10));
        }
    }

    @Test
    void parsesTheFirstRowOfTestExactly() throws IOException {
        Path csv = SharedFiles.require("data/ferplus/test/label.csv");
        String first = Files.readAllLines(csv).get(0);
        // e.g. fer0032220.png,"(0, 0, 48, 48)",5,0,0,0,1,0,0,0,4,0 : the quoted box holds commas.
        String[] f = first.split(",");
        FerPlusLoader.Votes v = FerPlusLoader.readVotes(csv).get(0);
        assertThat(v.image()).isEqualTo(f[0]);
        for (int c = 0; c < 10; c++) assertThat(v.counts()[c]).isEqualTo(Integer.parseInt(f[f.length - 10 + c].trim()));
    }

    @Test
    void majorityLeavesOutTiesUnknownNotAFaceAndContempt() {
        //                   neutral happy surprise sad angry disgust fear contempt unknown NF
        var clear = new FerPlusLoader.Votes("a", new int[] {2, 0, 0, 6, 2, 0, 0, 0, 0, 0});
        var tie = new FerPlusLoader.Votes("b", new int[] {4, 0, 0, 4, 2, 0, 0, 0, 0, 0});
        var unknown = new FerPlusLoader.Votes("c", new int[] {3, 0, 0, 0, 0, 0, 0, 0, 7, 0});
        var notFace = new FerPlusLoader.Votes("d", new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 10});
        var contempt = new FerPlusLoader.Votes("e", new int[] {3, 0, 0, 0, 0, 0, 0, 6, 1, 0});
        var surprise = new FerPlusLoader.Votes("f", new int[] {1, 0, 8, 0, 0, 0, 1, 0, 0, 0});
        assertThat(clear.majorityIn(EmotionLabels.FER7)).isEqualTo(EmotionLabels.FER7.indexOf("sad"));
        assertThat(clear.majorityIn(EmotionLabels.FOUR)).isEqualTo(EmotionLabels.FOUR.indexOf("sad"));
        assertThat(tie.majorityIn(EmotionLabels.FER7)).isEqualTo(-1);
        assertThat(unknown.majorityIn(EmotionLabels.FER7)).isEqualTo(-1);
        assertThat(notFace.majorityIn(EmotionLabels.FER7)).isEqualTo(-1);
        assertThat(contempt.majorityIn(EmotionLabels.FER7)).isEqualTo(-1);
        assertThat(surprise.majorityIn(EmotionLabels.FER7)).isEqualTo(EmotionLabels.FER7.indexOf("surprise"));
        assertThat(surprise.majorityIn(EmotionLabels.FOUR)).isEqualTo(-1);
    }

    @Test
    void distributionDropsSingleVotesAndMapsNeutralToRelaxed() {
        var v = new FerPlusLoader.Votes("a", new int[] {6, 1, 0, 3, 0, 0, 0, 0, 0, 0});
        float[] seven = v.distributionIn(EmotionLabels.FER7);
        assertThat(seven[EmotionLabels.FER7.indexOf("neutral")]).isCloseTo(2f / 3, within(1e-6f));
        assertThat(seven[EmotionLabels.FER7.indexOf("sad")]).isCloseTo(1f / 3, within(1e-6f));
        assertThat(seven[EmotionLabels.FER7.indexOf("happy")]).isZero(); // the lone happy vote is noise
        float[] four = v.distributionIn(EmotionLabels.FOUR);
        assertThat(four[EmotionLabels.FOUR.indexOf("relaxed")]).isCloseTo(2f / 3, within(1e-6f));
        // Nothing but single votes: they are all there is, so they are kept.
        var thin = new FerPlusLoader.Votes("b", new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
        assertThat(thin.distributionIn(EmotionLabels.FER7)[0]).isCloseTo(1f / 7, within(1e-6f));
    }

    @Test
    void testSetHasTheMajorityCountsOfTheSevenClassView() {
        Path test = SharedFiles.require("data/ferplus/test");
        ImageSet s = ImageSetLoader.load(test, EmotionLabels.FER7, 48, 48, null);
        // 3,573 faces; 174 ties, 28 unknown / not-a-face majorities and 27 contempt left out.
        assertThat(s.size()).isEqualTo(3344);
        assertThat(s.hasTargets()).isTrue();
        for (int i = 0; i < s.size(); i += 97) {
            float[] t = s.target(i);
            float sum = 0;
            for (float x : t) sum += x;
            assertThat(sum).isCloseTo(1f, within(1e-5f));
            assertThat(org.vigil.classify.EmotionModel.argmax(t)).isEqualTo(s.labels()[i]);
        }
        ImageSet sub = s.subset(new int[] {5, 7});
        assertThat(sub.target(1)).isEqualTo(s.target(7));
    }

    @Test
    void aBadVoteNamesTheFileAndLine() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("fp"));
        Files.writeString(dir.resolve("label.csv"), "a.png,\"(0, 0, 48, 48)\",4,0,0,1,3,2,0,0,0,0\n"
                + "b.png,\"(0, 0, 48, 48)\",4,x,0,1,3,2,0,0,0,0\n");
        assertThatThrownBy(() -> FerPlusLoader.readVotes(dir.resolve("label.csv")))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("label.csv:2").hasMessageContaining("happy").hasMessageContaining("'x'");
    }
}
