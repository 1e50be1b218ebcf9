package org.vigil.classify;

import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Vigil's own networks: a SameDiff inference graph (fast path on the oneDNN natives). */
public final class SameDiffEmotionModel extends NetworkEmotionModel {
    private final SameDiff graph;
    /**
     * ND4J 1.0.0-M2.1's cached InferenceSession remembers the id of every array it ever freed
     * ({@code freedArrays}, never cleared): ~50 MB of heap an hour at 8 beds (found by
     * {@code ./run.sh bench soak}). A fresh session every this many calls keeps it bounded.
     */
    static final int CALLS_PER_SESSION = 2_000;
    int callsPerSession = CALLS_PER_SESSION; // tests use fewer
    private int calls;
    private final ActivationPool pool = new ActivationPool(ActivationPool.MAX_IDLE_BYTES);

    public SameDiffEmotionModel(SameDiff graph, ModelMetadata meta) {
        super(meta);
        this.graph = graph;
    }

    public SameDiff graph() {
        return graph;
    }

    @Override
    protected INDArray forward(INDArray input) {
        if (++calls % callsPerSession == 0) graph.getSessions().clear();
        InferenceSession session = graph.getSessions().computeIfAbsent(Thread.currentThread().getId(), id -> new InferenceSession(graph));
        if (session.getMmgr() != pool) {
            session.getMmgr().close();
            session.setMmgr(pool);
        }
        ModelMetadata meta = metadata();
        try {
            // the answer is copied out of the pool's array before the pool lends that array again
            return graph.output(Map.of(meta.inputName(), input), meta.outputName()).get(meta.outputName()).dup();
        } finally {
            pool.reclaim();
        }
    }

    ActivationPool pool() {
        return pool;
    }

    @Override
    public synchronized void close() {
        pool.close();
    }
}
