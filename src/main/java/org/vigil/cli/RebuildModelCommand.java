package org.vigil.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.ModelFile;
import org.vigil.classify.ModelFileException;
import org.vigil.classify.SameDiffEmotionModel;
import org.vigil.train.ModelRebuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rebuild-model", mixinStandardHelpOptions = true,
        description = {"Rebuild Vigil model files' networks from their weights in today's inference form "
                + "(channels last): the same answers, faster (docs/benchmarks.md, \"Inference graph\"). "
                + "Each file is replaced atomically, and only if the rebuilt network gives the same probabilities "
                + "(within " + RebuildModelCommand.TOLERANCE + ") on " + RebuildModelCommand.CHECK_FACES + " faces.",
                "Files already in today's form are left as they are."})
public class RebuildModelCommand implements Callable<Integer> {
    static final double TOLERANCE = 1e-5;
    static final int CHECK_FACES = 64;

    @Parameters(arity = "1..*", paramLabel = "MODEL", description = "Vigil model files (.vigil) to rebuild in place")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        int failed = 0;
        for (Path file : files) {
            try (EmotionModel model = ModelFile.load(file)) {
                SameDiffEmotionModel rebuilt = ModelRebuild.of(model);
                if (ModelRebuild.sameGraph((SameDiffEmotionModel) model, rebuilt)) {
                    System.out.printf("%s: already in today's form, left as it is%n", file);
                    continue;
                }
                double diff = ModelRebuild.maxDifference(model, rebuilt, checkFaces(model));
                if (!(diff <= TOLERANCE)) {
                    System.err.printf(Locale.ROOT, "%s: not rewritten: the rebuilt network differs by %.2e (allowed %.0e)%n",
                            file, diff, TOLERANCE);
                    failed++;
                    continue;
                }
                ModelFile.save(rebuilt, file);
                System.out.printf(Locale.ROOT, "%s: rebuilt (%s -> %s), probabilities on %d faces agree to %.1e%n", file,
                        model.metadata().layout(), rebuilt.metadata().layout(), CHECK_FACES, diff);
            } catch (ModelFileException | IllegalArgumentException | IllegalStateException e) {
                System.err.printf("%s: not rewritten: %s%n", file, e.getMessage());
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }

    /** Random grey faces: the check compares arithmetic, not emotions. */
    private static List<byte[]> checkFaces(EmotionModel model) {
        Random r = new Random(42);
        List<byte[]> faces = new ArrayList<>();
        for (int i = 0; i < CHECK_FACES; i++) {
            byte[] f = new byte[model.metadata().inputHeight() * model.metadata().inputWidth()];
            r.nextBytes(f);
            faces.add(f);
        }
        return faces;
    }
}
