package org.vigil.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.classify.EmotionLabels;
import org.vigil.data.ImageSet;
import org.vigil.testing.SharedFiles;

class ImageSetLoaderTest {
    @TempDir Path tmp;

    @Test
    void readsTheChallengeCsvByUsage() throws IOException {
        Path csv = SharedFiles.require("data/fer2013-sample.csv");
        List<String> lines = Files.readAllLines(csv);
        long training = lines.stream().skip(1).filter(l -> l.endsWith(",Training")).count();
        ImageSet train = ImageSetLoader.fromCsv(csv, EmotionLabels.FER7, 48, 48, "Training");
        ImageSet all = ImageSetLoader.fromCsv(csv, EmotionLabels.FER7, 48, 48, null);
        assertThat(train.size()).isEqualTo((int) training);
        assertThat(all.size()).isEqualTo(lines.size() - 1);
        // First data row: emotion and first pixel must come through unchanged.
        String[] first = lines.get(1).split(",");
        assertThat(all.labels()[0]).isEqualTo(Integer.parseInt(first[0]));
        assertThat(all.pixels()[0] & 0xFF).isEqualTo(Integer.parseInt(first[1].split(" ")[0]));
    }

    @Test
    void fourClassSchemeKeepsOnlyAngryHappyNeutralSad() {
        Path csv = SharedFiles.require("data/fer2013-sample.csv");
        ImageSet seven = ImageSetLoader.fromCsv(csv, EmotionLabels.FER7, 48, 48, null);
        ImageSet four = ImageSetLoader.fromCsv(csv, EmotionLabels.FOUR, 48, 48, null);
        int[] c7 = seven.classCounts(), c4 = four.classCounts();
        assertThat(c4[EmotionLabels.FOUR.indexOf("angry")]).isEqualTo(c7[EmotionLabels.FER7.indexOf("angry")]);
        assertThat(c4[EmotionLabels.FOUR.indexOf("relaxed")]).isEqualTo(c7[EmotionLabels.FER7.indexOf("neutral")]);
        assertThat(four.size()).isEqualTo(c7[0] + c7[3] + c7[4] + c7[6]);
    }

    @Test
    void readsImageFoldersAndResizes() {
        Path test = SharedFiles.require("data/fer2013/test");
        ImageSet s = ImageSetLoader.fromFolders(test, EmotionLabels.FOUR, 64, 64, 5, 1);
        assertThat(s.size()).isEqualTo(20);
        assertThat(s.pixelsPerImage()).isEqualTo(64 * 64);
        assertThat(s.classCounts()).containsExactly(5, 5, 5, 5);
        // A real face is not a flat image.
        byte[] img = s.image(0);
        int min = 255, max = 0;
        for (byte b : img) {
            min = Math.min(min, b & 0xFF);
            max = Math.max(max, b & 0xFF);
        }
        assertThat(max - min).isGreaterThan(50);
    }

    @Test
    void badCsvRowNamesFileAndLine() throws IOException {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "emotion,pixels,Usage\n3," + "1 ".repeat(2303) + "1,Training\n9,1 2 3 4,Training\n");
        assertThatThrownBy(() -> ImageSetLoader.fromCsv(csv, EmotionLabels.FER7, 48, 48, null))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("bad.csv:3")
                .hasMessageContaining("emotion 9");
    }

    @Test
    void blankLinesAndQuotedFieldsKeepLineNumbersRight() throws IOException {
        Path csv = tmp.resolve("quoted.csv");
        String face = "1 ".repeat(2303) + "1";
        Files.writeString(csv, "emotion,pixels,Usage\n3,\"" + face + "\",Training\n\n4," + face + ",PublicTest\n7,1 2 3 4,Training\n");
        assertThatThrownBy(() -> ImageSetLoader.fromCsv(csv, EmotionLabels.FER7, 48, 48, null))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("quoted.csv:5: emotion 7");
        Files.writeString(csv, "emotion,pixels,Usage\n3,\"" + face + "\",Training\n\n4," + face + ",PublicTest\n");
        assertThat(ImageSetLoader.fromCsv(csv, EmotionLabels.FER7, 48, 48, null).size()).isEqualTo(2);
    }

    @Test
    void badPixelNamesLineAndColumn() throws IOException {
        Path csv = tmp.resolve("pix.csv");
        Files.writeString(csv, "emotion,pixels,Usage\n3,1 2 x 4,Training\n");
        assertThatThrownBy(() -> ImageSetLoader.fromCsv(csv, EmotionLabels.FER7, 48, 48, null))
                .hasMessageContaining("pix.csv:2").hasMessageContaining("pixel 3 'x'");
    }

    @Test
    void unknownClassFolderIsRejected() throws IOException {
        Files.createDirectories(tmp.resolve("data/bored"));
        assertThatThrownBy(() -> ImageSetLoader.fromFolders(tmp.resolve("data"), EmotionLabels.FER7, 48, 48))
                .hasMessageContaining("bored");
    }

    @Test
    void stratifiedSplitKeepsClassShares() {
        Path csv = SharedFiles.require("data/fer2013-sample.csv");
        ImageSet all = ImageSetLoader.fromCsv(csv, EmotionLabels.FER7, 48, 48, null);
        ImageSet[] parts = all.stratifiedSplit(0.2, 7);
        assertThat(parts[0].size() + parts[1].size()).isEqualTo(all.size());
        int[] whole = all.classCounts(), val = parts[1].classCounts();
        for (int c = 0; c < whole.length; c++) assertThat(val[c]).isEqualTo((int) Math.round(whole[c] * 0.2));
        assertThat(all.stratifiedSplit(0.2, 7)[1].labels()).containsExactly(parts[1].labels());
    }

    @Test
    void listsLabelledFilesOfFerPlusWithTheMajorityLabelsTheLoaderGives() {
        Path dir = SharedFiles.require("data/ferplus/test");
        List<ImageSetLoader.LabelledFile> files = ImageSetLoader.files(dir, EmotionLabels.FOUR);
        ImageSet set = ImageSetLoader.load(dir, EmotionLabels.FOUR, 48, 48, null);
        assertThat(files).hasSize(set.size());
        assertThat(files.stream().mapToInt(ImageSetLoader.LabelledFile::label).toArray()).containsExactly(set.labels());
        assertThat(files).allMatch(f -> Files.isRegularFile(f.file()));
    }
}
