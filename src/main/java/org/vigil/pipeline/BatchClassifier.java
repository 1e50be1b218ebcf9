package org.vigil.pipeline;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.classify.EmotionModel;

/**
 * Classify-batch, the first step of the decision thread: every waiting crop of every bed in one
 * model call (batching amortises the per-call cost across beds). Tracks whether the model works, so
 * a failure is reported once and its recovery once.
 */
final class BatchClassifier {
    private static final Logger log = LoggerFactory.getLogger(BatchClassifier.class);

    /** How the model's health changed with this call. */
    enum Change { NONE, FAILED, RECOVERED }

    /**
     * @param change  FAILED on the first failing call, RECOVERED on the first good call after failures
     * @param error   what failed, for the technical alert (null unless FAILED)
     */
    record Scores(Map<Tick.Face, float[]> byFace, Change change, String error) {
        /** The model's scores for this tick, or null (no usable crop, or the model failed). */
        float[] of(Tick.Face f) {
            return byFace.get(f);
        }
    }

    private final EmotionModel model;
    private final PipelineStats stats;
    private final Listeners listeners;
    private boolean failed;

    BatchClassifier(EmotionModel model, PipelineStats stats, Listeners listeners) {
        this.model = model;
        this.stats = stats;
        this.listeners = listeners;
    }

    List<String> labels() {
        return model.labels();
    }

    Scores classify(List<Tick> batch) {
        List<Tick.Face> faces = new ArrayList<>();
        for (Tick t : batch) if (t instanceof Tick.Face f && f.crop() != null) faces.add(f);
        // identity: the same crop may come twice (a frozen camera), each tick keeps its own row
        Map<Tick.Face, float[]> byFace = new IdentityHashMap<>();
        if (faces.isEmpty()) return new Scores(byFace, Change.NONE, null);
        long c0 = System.nanoTime();
        Change change = Change.NONE;
        String error = null;
        try {
            float[][] probs = model.predict(faces.stream().map(Tick.Face::crop).toList());
            if (probs.length != faces.size() || hasNaN(probs)) {
                throw new IllegalStateException("model returned " + probs.length + " rows for " + faces.size() + " faces, or NaN scores");
            }
            for (int i = 0; i < faces.size(); i++) byFace.put(faces.get(i), probs[i]);
            if (failed) change = Change.RECOVERED;
            failed = false;
        } catch (RuntimeException e) {
            if (!failed) {
                log.error("emotion model failed on a batch of {}: {}", faces.size(), e.toString());
                change = Change.FAILED;
                error = e.toString();
            }
            failed = true;
        }
        long nanos = System.nanoTime() - c0;
        stats.stage("classify", nanos);
        stats.batch(faces.size());
        listeners.batchTiming(new BatchTiming(faces.size(), nanos, byFace.isEmpty()));
        return new Scores(byFace, change, error);
    }

    private static boolean hasNaN(float[][] p) {
        for (float[] row : p) for (float v : row) if (Float.isNaN(v)) return true;
        return false;
    }
}
