package org.vigil.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vigil.base.AtomicFiles;

/**
 * The running mean of a training graph's weights over the epochs that ended so far (stochastic
 * weight averaging, Izmailov et al. 2018): the epochs' weights lie around a wide optimum, and their
 * mean sits nearer its middle than any one of them. Batch norm statistics are not averaged; they are
 * measured again for the averaged weights when the model is made.
 */
final class WeightAverage {
    private final Map<String, INDArray> mean = new LinkedHashMap<>();
    private int count;

    /** Adds the graph's current weights as one more sample. */
    void add(SameDiff sd) {
        count++;
        for (SDVariable v : NetworkBuilder.parameters(sd)) {
            INDArray w = v.getArr();
            INDArray m = mean.get(v.name());
            if (m == null) {
                mean.put(v.name(), w.dup());
            } else {
                m.addi(w.sub(m).divi(count)); // m += (w - m) / n
            }
        }
    }

    int count() {
        return count;
    }

    /**
     * Puts the average into the graph's weights for the duration of {@code body}, then the graph's
     * own weights back (training goes on from them, not from the average).
     */
    <T> T swappedIn(SameDiff sd, IOFunction<T> body) throws IOException {
        if (count == 0) throw new IllegalStateException("no weights averaged yet");
        Map<String, INDArray> own = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : mean.entrySet()) {
            INDArray w = sd.getVariable(e.getKey()).getArr();
            own.put(e.getKey(), w.dup());
            w.assign(e.getValue());
        }
        try {
            return body.apply();
        } finally {
            for (Map.Entry<String, INDArray> e : own.entrySet()) sd.getVariable(e.getKey()).getArr().assign(e.getValue());
        }
    }

    /** Writes the average (as a weights-only .samediff of the graph) for a resumed run. */
    void save(SameDiff sd, Path file) throws IOException {
        swappedIn(sd, () -> {
            AtomicFiles.replace(file, tmp -> sd.save(tmp.toFile(), false));
            return null;
        });
    }

    /** The average of {@code count} epochs written by {@link #save}. */
    static WeightAverage load(Path file, int count) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("the weight average " + file + " is missing; cannot resume the averaging");
        SameDiff saved = SameDiff.load(file.toFile(), false);
        WeightAverage a = new WeightAverage();
        for (SDVariable v : NetworkBuilder.parameters(saved)) a.mean.put(v.name(), v.getArr().dup());
        a.count = count;
        return a;
    }

    @FunctionalInterface
    interface IOFunction<T> {
        T apply() throws IOException;
    }
}
