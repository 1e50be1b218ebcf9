package org.vigil.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vigil.base.AtomicFiles;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.FlipAveragingModel;
import org.vigil.classify.ModelFile;
import org.vigil.data.DataFormatException;
import org.vigil.data.ImageSet;

/**
 * Distillation targets: a larger teacher's (or an ensemble's) mirror-averaged answers on the training
 * images, blended with the data's own targets (FER+ votes, or the one-hot label). The student then
 * learns the teacher's view of ambiguous faces, which the 10 votes only sample.
 *
 * <p>The teacher runs once per training set, on un-augmented images; its answers are cached in the
 * work directory (keyed by the teacher files and the set), so a resumed run does not pay again.
 */
public final class TeacherTargets {
    static final String CACHE = "teacher-targets.bin";
    static final String CACHE_KEY = "teacher-targets.json";
    private static final int BATCH = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TeacherTargets() {}

    /**
     * @param base   the targets to keep a share of: {@code set.targets()} or null for the one-hot labels
     * @param weight the teacher's share, 0..1
     * @return the set with its targets replaced by {@code weight * teacher + (1 - weight) * base}
     */
    public static ImageSet blend(ImageSet set, float[] base, List<Path> teachers, double weight, Path workDir, PrintStream out)
            throws IOException {
        if (weight < 0 || weight > 1) throw new IllegalArgumentException("--teacher-weight must be in 0..1, not " + weight);
        float[] teacher = teacherAnswers(set, teachers, workDir, out);
        int k = set.classNames().size();
        float[] t = new float[set.size() * k];
        for (int i = 0; i < set.size(); i++) {
            for (int c = 0; c < k; c++) {
                float own = base != null ? base[i * k + c] : (set.labels()[i] == c ? 1f : 0f);
                t[i * k + c] = (float) (weight * teacher[i * k + c] + (1 - weight) * own);
            }
        }
        return new ImageSet(set.classNames(), set.height(), set.width(), set.pixels(), set.labels(), t, set.source());
    }

    /** The teachers' mean mirror-averaged probabilities per image ({@code size x classes}), from the cache when it matches. */
    static float[] teacherAnswers(ImageSet set, List<Path> teachers, Path workDir, PrintStream out) throws IOException {
        int k = set.classNames().size();
        Map<String, Object> key = cacheKey(set, teachers);
        Path cache = workDir.resolve(CACHE), keyFile = workDir.resolve(CACHE_KEY);
        if (Files.exists(cache) && Files.exists(keyFile) && JSON.readValue(keyFile.toFile(), Map.class).equals(key)) {
            out.printf("teacher answers: reusing %s%n", cache);
            return read(cache, set.size() * k);
        }
        float[] sum = new float[set.size() * k];
        for (Path file : teachers) {
            long t0 = System.nanoTime();
            try (EmotionModel teacher = new FlipAveragingModel(ModelFile.load(file))) {
                List<String> labels = teacher.metadata().labels();
                if (!labels.equals(set.classNames())) {
                    throw new DataFormatException("teacher " + file + " has classes " + labels + ", the training set "
                            + set.classNames());
                }
                float[][] p = set.answers(teacher, BATCH);
                for (int i = 0; i < set.size(); i++) {
                    for (int c = 0; c < k; c++) sum[i * k + c] += p[i][c] / teachers.size();
                }
            }
            out.printf("teacher %s: %,d images in %.0f s%n", file, set.size(), (System.nanoTime() - t0) / 1e9);
        }
        Files.createDirectories(workDir);
        AtomicFiles.replace(cache, tmp -> write(tmp, sum));
        AtomicFiles.replace(keyFile, tmp -> JSON.writeValue(tmp.toFile(), key));
        return sum;
    }

    private static Map<String, Object> cacheKey(ImageSet set, List<Path> teachers) throws IOException {
        List<String> files = new ArrayList<>();
        for (Path t : teachers) {
            if (!Files.isRegularFile(t)) throw new java.io.FileNotFoundException("teacher model " + t + " not found");
            files.add(t.toAbsolutePath().normalize() + " " + Files.size(t) + " " + Files.getLastModifiedTime(t).toMillis());
        }
        return Map.of("teachers", files, "images", set.size(), "classes", set.classNames(),
                "source", Objects.toString(set.source()), "pixelHash", java.util.Arrays.hashCode(set.pixels()));
    }

    private static void write(Path file, float[] v) throws IOException {
        try (DataOutputStream d = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            for (float f : v) d.writeFloat(f);
        }
    }

    private static float[] read(Path file, int n) throws IOException {
        if (Files.size(file) != 4L * n) throw new DataFormatException(file + ": expected " + n + " floats, has " + Files.size(file) / 4);
        float[] v = new float[n];
        try (DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            for (int i = 0; i < n; i++) v[i] = d.readFloat();
        }
        return v;
    }
}
