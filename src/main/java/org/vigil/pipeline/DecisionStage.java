package org.vigil.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.vigil.classify.EmotionModel;
import org.vigil.rules.RuleEngine;

/**
 * The single decision thread: collects ticks from all beds in arrival order and hands each batch
 * through three steps: {@link BatchClassifier} (one model call for every waiting crop),
 * {@link BedDecisions} (smoothing, assessability, rules, status), {@link Publisher} (counters,
 * listeners). One owner for all decision state; this class only owns the queue and the batching.
 */
final class DecisionStage implements Runnable {
    static final int MAX_BATCH = 32;

    private final BlockingQueue<Tick> queue = new ArrayBlockingQueue<>(512);
    private final PipelineConfig config;
    private final PipelineStats stats;
    private final BatchClassifier classifier;
    private final BedDecisions decisions;
    private final Publisher publisher;
    private final Listeners listeners;
    private final AtomicLong droppedTicks = new AtomicLong();
    private volatile boolean draining;

    DecisionStage(EmotionModel model, RuleEngine rules, PipelineConfig config, PipelineStats stats, Listeners listeners) {
        this.config = config;
        this.stats = stats;
        this.listeners = listeners;
        this.classifier = new BatchClassifier(model, stats, listeners);
        this.decisions = new BedDecisions(model.labels(), rules, config.decision(), stats);
        this.publisher = new Publisher(stats, listeners);
    }

    /**
     * Live sources never wait on the decision thread (a full queue drops the tick and counts it);
     * batch analysis of files waits, so no classification is lost.
     */
    void submit(Tick t) {
        if (t instanceof Tick.Source || !config.capture().realtime()) {
            try {
                queue.put(t);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (!queue.offer(t)) {
            droppedTicks.incrementAndGet();
        }
    }

    /** Finish what is queued, then end. */
    void drainAndStop() {
        draining = true;
    }

    long droppedTicks() {
        return droppedTicks.get();
    }

    @Override
    public void run() {
        List<Tick> batch = new ArrayList<>();
        try {
            while (true) {
                Tick first = carry.isEmpty() ? queue.poll(50, TimeUnit.MILLISECONDS) : carry.pollFirst();
                if (first == null) {
                    if (draining && queue.isEmpty()) break;
                    decisions.repeatOffline().forEach(publisher::decision);
                    continue;
                }
                batch.clear();
                batch.add(first);
                while (!carry.isEmpty()) batch.add(carry.pollFirst());
                queue.drainTo(batch);
                if (config.capture().realtime()) supersede(batch);
                // Classify at most MAX_BATCH crops per call; the rest waits for the next round.
                int crops = 0;
                int cut = batch.size();
                for (int i = 0; i < batch.size(); i++) {
                    if (batch.get(i) instanceof Tick.Face f && f.crop() != null && ++crops > MAX_BATCH) {
                        cut = i;
                        break;
                    }
                }
                process(batch.subList(0, cut));
                for (int i = batch.size() - 1; i >= cut; i--) requeueFront(batch.get(i));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final java.util.Deque<Tick> carry = new java.util.ArrayDeque<>();

    private void requeueFront(Tick t) {
        carry.addFirst(t);
    }

    /**
     * Live sources: when the model fell behind, only the newest waiting tick of each bed is worth
     * deciding on; older ones would only add latency. Source-state ticks are always kept.
     */
    private void supersede(List<Tick> batch) {
        Map<String, Integer> newest = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) if (batch.get(i) instanceof Tick.Face) newest.put(batch.get(i).bed(), i);
        List<Tick> kept = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Tick t = batch.get(i);
            if (t instanceof Tick.Source || newest.get(t.bed()) == i) {
                kept.add(t);
            } else {
                droppedTicks.incrementAndGet();
            }
        }
        batch.clear();
        batch.addAll(kept);
    }

    /** The three steps, in order: classify the batch, decide per tick, publish. */
    private void process(List<Tick> batch) {
        BatchClassifier.Scores scores = classifier.classify(batch);
        publisher.alerts(decisions.model(scores, batch));
        for (Tick t : batch) {
            long d0 = System.nanoTime();
            BedDecisions.Decision d;
            if (t instanceof Tick.Source s) {
                publisher.source(s);
                d = decisions.source(s);
            } else {
                Tick.Face f = (Tick.Face) t;
                d = decisions.face(f, scores.of(f));
            }
            publisher.decision(d);
            long now = System.nanoTime();
            stats.stage("decide", now - d0);
            if (t instanceof Tick.Face f) {
                stats.latency(now - f.grabbedNanos());
                listeners.decisionTiming(new DecisionTiming(f.bed(), f.t(), now - f.grabbedNanos(), d.events()));
            }
        }
    }
}
