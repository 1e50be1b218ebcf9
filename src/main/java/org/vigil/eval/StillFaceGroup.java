package org.vigil.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.vigil.data.FerPlusLoader;

/**
 * One group of synthetic still-face patients ({@link FerStreams}): which FER faces count as calm or
 * as distressed. From FER-2013 class folders a face belongs to the group when it sits in one of the
 * group's class folders; from FER+ (a folder with {@code label.csv}) when at least {@code minVotes}
 * of its 10 crowd votes went to one of the group's emotions, so single-label noise (a "neutral"
 * face most people read as sad) does not count as a calm face the model misreads.
 *
 * @param name     bed-name prefix in the streams ("calm", "distress")
 * @param emotions FER-2013 class names, which are also the FER+ vote column names
 */
public record StillFaceGroup(String name, List<String> emotions) {
    public static final StillFaceGroup CALM = new StillFaceGroup("calm", List.of("neutral", "happy"));
    public static final StillFaceGroup DISTRESS = new StillFaceGroup("distress", List.of("sad", "angry"));
    /** Default FER+ agreement: 7 of 10 votes. */
    public static final int DEFAULT_MIN_VOTES = 7;
    /** More than half of the 10 votes, so no face can qualify for both groups. */
    public static final int LOWEST_MIN_VOTES = 6;

    public StillFaceGroup {
        emotions = List.copyOf(emotions);
    }

    /**
     * The group's candidate images under {@code dir} in a fixed order (the stream seed shuffles them):
     * FER-2013 class folders in {@link #emotions} order, files sorted by name; or FER+ faces in
     * {@code label.csv} order.
     */
    public List<Path> candidates(Path dir, int minVotes) throws IOException {
        return FerPlusLoader.isFerPlus(dir) ? byVotes(dir, minVotes) : byFolder(dir);
    }

    /** True when FER+ votes give this face to the group. */
    public boolean qualifies(FerPlusLoader.Votes v, int minVotes) {
        return emotions.stream().anyMatch(e -> v.votesFor(e) >= minVotes);
    }

    private List<Path> byVotes(Path dir, int minVotes) {
        if (minVotes < LOWEST_MIN_VOTES || minVotes > 10) {
            throw new IllegalArgumentException("--min-votes must be " + LOWEST_MIN_VOTES + " to 10 (more than half of the 10 FER+ votes,"
                    + " so no face is both calm and distressed), got " + minVotes);
        }
        Path csv = dir.resolve(FerPlusLoader.LABEL_FILE);
        List<Path> out = new ArrayList<>();
        for (FerPlusLoader.Votes v : FerPlusLoader.readVotes(csv)) {
            if (qualifies(v, minVotes)) out.add(dir.resolve(v.image()));
        }
        return out;
    }

    private List<Path> byFolder(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String c : emotions) {
            Path d = dir.resolve(c);
            if (!Files.isDirectory(d)) {
                throw new IOException("no FER-2013 class folder " + d + " (and no FER+ " + FerPlusLoader.LABEL_FILE + " in " + dir + ")");
            }
            try (Stream<Path> s = Files.list(d)) {
                out.addAll(s.filter(Files::isRegularFile).sorted().toList());
            }
        }
        return out;
    }
}
