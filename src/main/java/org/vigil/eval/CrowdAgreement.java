package org.vigil.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vigil.classify.EmotionLabels;
import org.vigil.data.FerPlusLoader;
import org.vigil.data.ImageSet;

/**
 * Calm faces read as angry or sad, split by how many of the crowd saw anger or sadness in the same
 * face (FER+ has ten votes a face). A calm-majority face on which four of ten people saw sadness is
 * not the same error as one nobody did: the first is the crowd's own doubt, the second the steady
 * misreading of a resting face that makes alarms a nurse stops trusting.
 *
 * @param bands one per count of angry+sad votes: 0, 1, 2, 3, then 4 or more
 */
public record CrowdAgreement(List<Band> bands) {
    /** The last band holds this many distress votes or more. */
    static final int LAST_BAND = 4;
    /** At most this many distress votes: "the crowd agrees the face is calm". */
    public static final int AGREED_CALM_VOTES = 1;

    /** Calm-majority faces with {@code votes} angry+sad votes (or more, in the last band), and how many the model read as distress. */
    public record Band(int votes, int faces, int readAsDistress) {
        public double share() {
            return faces == 0 ? Double.NaN : readAsDistress / (double) faces;
        }
    }

    /** Each face's angry+sad votes, for the faces of {@code votes} (FER+ rows, in the order of the image set). */
    public static int[] distressVotes(List<FerPlusLoader.Votes> votes) {
        int[] out = new int[votes.size()];
        for (int i = 0; i < out.length; i++) {
            for (String d : EmotionLabels.DISTRESS) out[i] += votes.get(i).votesFor(d);
        }
        return out;
    }

    /**
     * @param data          faces with majority labels; {@code distressVotes} and {@code answers} in its order
     * @param distressVotes per face the crowd's angry+sad votes ({@link #distressVotes})
     * @param answers       the model's answers over {@code data}'s classes
     */
    public static CrowdAgreement of(ImageSet data, int[] distressVotes, ModelAnswers answers, double temperature) {
        if (distressVotes.length != data.size() || answers.size() != data.size()) {
            throw new IllegalArgumentException(data.source() + ": " + data.size() + " faces but " + distressVotes.length
                    + " vote rows and " + answers.size() + " answers");
        }
        List<String> classes = data.classNames();
        int[] faces = new int[LAST_BAND + 1], read = new int[LAST_BAND + 1];
        for (int i = 0; i < data.size(); i++) {
            if (!EmotionLabels.CALM.contains(classes.get(data.labels()[i]))) continue;
            int band = Math.min(distressVotes[i], LAST_BAND);
            faces[band]++;
            if (EmotionLabels.DISTRESS.contains(classes.get(answers.predicted(i, temperature)))) read[band]++;
        }
        List<Band> bands = new ArrayList<>();
        for (int b = 0; b <= LAST_BAND; b++) bands.add(new Band(b, faces[b], read[b]));
        return new CrowdAgreement(List.copyOf(bands));
    }

    /** Calm faces read as distress among those on which at most {@value #AGREED_CALM_VOTES} of the crowd saw distress. */
    public Band agreedCalm() {
        int faces = 0, read = 0;
        for (Band b : bands) {
            if (b.votes() <= AGREED_CALM_VOTES) {
                faces += b.faces();
                read += b.readAsDistress();
            }
        }
        return new Band(AGREED_CALM_VOTES, faces, read);
    }

    public String report() {
        StringBuilder sb = new StringBuilder("calm faces read as angry/sad, by the crowd's angry+sad votes (of 10):\n");
        for (Band b : bands) {
            sb.append(String.format(Locale.ROOT, "  %-9s %5d faces  %4d read as distress (%5.1f%%)%n", label(b), b.faces(),
                    b.readAsDistress(), b.share() * 100));
        }
        Band agreed = agreedCalm();
        sb.append(String.format(Locale.ROOT, "  where the crowd agrees it is calm (0-%d votes for distress): %.2f%% (%d of %d)%n",
                AGREED_CALM_VOTES, agreed.share() * 100, agreed.readAsDistress(), agreed.faces()));
        return sb.toString();
    }

    /** For evaluate --json: faces and misreadings per band, and the agreed-calm share. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Band b : bands) m.put(label(b).replace(' ', '_'), Map.of("faces", b.faces(), "read_as_distress", b.readAsDistress()));
        m.put("agreed_calm_as_distress", ConfusionMatrix.round(agreedCalm().share()));
        return m;
    }

    private static String label(Band b) {
        return b.votes() + (b.votes() == LAST_BAND ? "+" : "") + " votes";
    }
}
