package org.vigil.data;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vigil.classify.EmotionLabels;
import org.vigil.data.ImageSet;

/**
 * Reads FER+ (Barsoum et al. 2016): a folder of 48x48 faces with a {@code label.csv} of 10 crowd
 * votes per face, columns {@code image,box,neutral,happiness,surprise,sadness,anger,disgust,fear,
 * contempt,unknown,NF}.
 *
 * <p>Each face gets a majority label (the emotion with the most votes; faces with a tie for the
 * most votes, or whose majority is unknown / not-a-face, or an emotion outside the label set such
 * as contempt, are left out) and a target distribution: the votes for the label set's emotions,
 * normalised to sum to 1, with single votes dropped first as noise (as the FER+ authors' own
 * training code does) unless nothing would be left.
 */
public final class FerPlusLoader {
    public static final String LABEL_FILE = "label.csv";
    /** FER+ vote columns in file order, as FER-2013 class names ("contempt", "unknown", "NF" have none). */
    public static final List<String> COLUMNS = List.of("neutral", "happy", "surprise", "sad", "angry", "disgust", "fear",
            "contempt", "unknown", "NF");
    private static final int VOTE_COLUMNS = COLUMNS.size();
    private static final int FIRST_VOTE = 2;
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private FerPlusLoader() {}

    /** One face's row: file name and its 10 vote counts in {@link #COLUMNS} order. */
    public record Votes(String image, int[] counts) {
        /** Votes for one column, named as in {@link #COLUMNS} (FER-2013 class names: neutral, happy, sad, angry, ...). */
        public int votesFor(String column) {
            int c = COLUMNS.indexOf(column);
            if (c < 0) throw new IllegalArgumentException("no FER+ vote column '" + column + "'; columns are " + COLUMNS);
            return counts[c];
        }

        /** Index in {@link #COLUMNS} of the most-voted column, or -1 when two columns share the most votes. */
        public int majorityColumn() {
            int best = 0;
            boolean tie = false;
            for (int i = 1; i < counts.length; i++) {
                if (counts[i] > counts[best]) {
                    best = i;
                    tie = false;
                } else if (counts[i] == counts[best]) {
                    tie = true;
                }
            }
            return tie ? -1 : best;
        }

        /** Majority label as an index in {@code labels}, or -1 when the face is left out (tie, unknown, not a face, not in labels). */
        public int majorityIn(List<String> labels) {
            int col = majorityColumn();
            return col < 0 ? -1 : indexIn(labels, col);
        }

        /** Vote share of each of {@code labels}' emotions, single votes dropped as noise; null when no votes fall in {@code labels}. */
        public float[] distributionIn(List<String> labels) {
            float[] cleaned = distribution(labels, 1);
            return cleaned != null ? cleaned : distribution(labels, 0);
        }

        private float[] distribution(List<String> labels, int dropAtOrBelow) {
            float[] d = new float[labels.size()];
            float sum = 0;
            for (int c = 0; c < VOTE_COLUMNS; c++) {
                int k = indexIn(labels, c);
                if (k < 0 || counts[c] <= dropAtOrBelow) continue;
                d[k] += counts[c];
                sum += counts[c];
            }
            if (sum == 0) return null;
            for (int i = 0; i < d.length; i++) d[i] /= sum;
            return d;
        }
    }

    /** True when {@code dir} is a FER+ folder (it holds a {@code label.csv}). */
    public static boolean isFerPlus(Path dir) {
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(LABEL_FILE));
    }

    private static int indexIn(List<String> labels, int column) {
        String name = COLUMNS.get(column);
        if (name.equals("contempt") || name.equals("unknown") || name.equals("NF")) return -1;
        return EmotionLabels.indexOfEmotion(labels, name);
    }

    /** Reads {@code label.csv}; every problem names the file and line. */
    public static List<Votes> readVotes(Path csv) {
        List<Votes> out = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(csv.toFile())) {
            int line = 0; // one row per line: the file has no header and no quoted line breaks
            while (it.hasNextValue()) {
                String[] row = it.nextValue();
                line++;
                if (row.length == 1 && row[0].isBlank()) continue;
                if (row.length < FIRST_VOTE + VOTE_COLUMNS) {
                    throw new DataFormatException(csv + ":" + line + ": expected " + (FIRST_VOTE + VOTE_COLUMNS)
                            + " columns (image,box,10 vote counts), got " + row.length);
                }
                int[] counts = new int[VOTE_COLUMNS];
                for (int c = 0; c < VOTE_COLUMNS; c++) {
                    String v = row[FIRST_VOTE + c].trim();
                    try {
                        counts[c] = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new DataFormatException(csv + ":" + line + ": vote count for " + COLUMNS.get(c) + " '" + v
                                + "' is not a whole number");
                    }
                    if (counts[c] < 0) {
                        throw new DataFormatException(csv + ":" + line + ": vote count for " + COLUMNS.get(c) + " is negative (" + v + ")");
                    }
                }
                out.add(new Votes(row[0].trim(), counts));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFormatException d) throw d;
            throw new DataFormatException("Cannot read " + csv + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) throw new DataFormatException(csv + ": no rows");
        return out;
    }

    /**
     * Faces of {@code dir} whose majority label is one of {@code labels}, resized to height x width,
     * with majority labels and vote distributions.
     */
    public static ImageSet load(Path dir, List<String> labels, int height, int width) {
        Path csv = dir.resolve(LABEL_FILE);
        List<Votes> kept = new ArrayList<>();
        List<Integer> lab = new ArrayList<>();
        majority(dir, labels, kept, lab);
        int px = height * width, k = labels.size();
        byte[] pixels = new byte[kept.size() * px];
        int[] labelArr = new int[kept.size()];
        float[] targets = new float[kept.size() * k];
        IntStream.range(0, kept.size()).parallel().forEach(i -> {
            Path f = dir.resolve(kept.get(i).image());
            if (!Files.isRegularFile(f)) throw new DataFormatException(csv + ": image " + kept.get(i).image() + " is not in " + dir);
            try (Mat img = imread(f.toString(), IMREAD_GRAYSCALE)) {
                if (img == null || img.empty()) throw new DataFormatException("Cannot decode image " + f);
                ImageSetLoader.copyResized(img, height, width, pixels, i * px);
            }
            labelArr[i] = lab.get(i);
            System.arraycopy(kept.get(i).distributionIn(labels), 0, targets, i * k, k);
        });
        return new ImageSet(labels, height, width, pixels, labelArr, targets, dir + " [FER+ majority]");
    }

    /** The image files of {@code dir} whose majority label is one of {@code labels}, in label.csv order. */
    public static List<ImageSetLoader.LabelledFile> files(Path dir, List<String> labels) {
        List<Votes> kept = new ArrayList<>();
        List<Integer> lab = new ArrayList<>();
        majority(dir, labels, kept, lab);
        List<ImageSetLoader.LabelledFile> out = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) out.add(new ImageSetLoader.LabelledFile(dir.resolve(kept.get(i).image()), lab.get(i)));
        return out;
    }

    /** The vote rows of the faces {@link #load} keeps, in the same order. */
    public static List<Votes> keptVotes(Path dir, List<String> labels) {
        List<Votes> kept = new ArrayList<>();
        majority(dir, labels, kept, new ArrayList<>());
        return kept;
    }

    /** Fills {@code kept} and {@code lab} with the faces that have a majority label in {@code labels}. */
    private static void majority(Path dir, List<String> labels, List<Votes> kept, List<Integer> lab) {
        Path csv = dir.resolve(LABEL_FILE);
        for (Votes v : readVotes(csv)) {
            int l = v.majorityIn(labels);
            if (l < 0) continue;
            kept.add(v);
            lab.add(l);
        }
        if (kept.isEmpty()) throw new DataFormatException(csv + ": no face has a majority label among " + labels);
    }
}
