package org.vigil.train;

import org.vigil.data.DataFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vigil.classify.EmotionLabels;

/**
 * Starts a training graph from another run's weights (a {@code .samediff} checkpoint of the same
 * architecture). The classifier head may have another label set: each target class takes the
 * column of the same emotion in the source (relaxed and neutral are one), so a 4-class model
 * starts from what the 7-class model learned instead of from noise.
 */
public final class WeightTransfer {
    private WeightTransfer() {}

    public static void copy(Path source, SameDiff target, List<String> targetLabels, PrintStream out) throws IOException {
        if (!Files.isRegularFile(source)) throw new DataFormatException("--init-from: no such file: " + source);
        SameDiff src;
        try {
            src = SameDiff.load(source.toFile(), false);
        } catch (RuntimeException e) {
            throw new DataFormatException("--init-from: " + source + " is not a SameDiff training checkpoint ("
                    + e.getMessage() + ")");
        }
        int copied = 0;
        for (SDVariable v : NetworkBuilder.parameters(target)) {
            SDVariable s = src.hasVariable(v.name()) ? src.getVariable(v.name()) : null;
            if (s == null || s.getArr() == null) {
                throw new DataFormatException("--init-from: " + source + " has no parameter " + v.name()
                        + " (another architecture?)");
            }
            INDArray from = s.getArr(), to = v.getArr();
            if (Arrays.equals(from.shape(), to.shape())) {
                to.assign(from);
            } else if (v.name().equals("fc_w") || v.name().equals("fc_b")) {
                int[] columns = headColumns(from.size(from.rank() - 1), targetLabels, source);
                for (int i = 0; i < columns.length; i++) {
                    if (from.rank() == 2) {
                        to.get(NDArrayIndex.all(), NDArrayIndex.point(i)).assign(from.get(NDArrayIndex.all(), NDArrayIndex.point(columns[i])));
                    } else {
                        to.putScalar(i, from.getDouble(columns[i]));
                    }
                }
            } else {
                throw new DataFormatException("--init-from: parameter " + v.name() + " in " + source + " has shape "
                        + Arrays.toString(from.shape()) + ", expected " + Arrays.toString(to.shape()));
            }
            copied++;
        }
        out.printf("initialised %d parameter arrays from %s%n", copied, source);
    }

    /** Index in the source head of each target class. */
    static int[] headColumns(long sourceClasses, List<String> targetLabels, Path source) {
        List<String> sourceLabels = EmotionLabels.forClassCount((int) sourceClasses);
        int[] cols = new int[targetLabels.size()];
        for (int i = 0; i < cols.length; i++) {
            String name = targetLabels.get(i);
            int j = EmotionLabels.indexOfEmotion(sourceLabels, name);
            if (j < 0) {
                throw new DataFormatException("--init-from: " + source + " has no class for '" + name + "' (its classes: "
                        + sourceLabels + ")");
            }
            cols[i] = j;
        }
        return cols;
    }
}
