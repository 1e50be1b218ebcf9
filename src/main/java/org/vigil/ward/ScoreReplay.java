package org.vigil.ward;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.vigil.alerts.AlertManager;
import org.vigil.base.Defaults;
import org.vigil.classify.EmotionLabels;
import org.vigil.rules.Observation;
import org.vigil.rules.RuleEngine;

/**
 * A simulated edge's pipeline: replays recorded scores per bed into the box's rules engine in real
 * time ({@code rate} observations per second per bed, the recording's order; its times are
 * re-stamped so loops run on), and reports each bed's state. The bed state is a simplified
 * {@code BedDecider}: alert when a clinical alert is open, cannot_assess, distress_building above the
 * building level, else calm. Runs on the caller's thread until its duration is over or it is stopped.
 */
public final class ScoreReplay implements Runnable {
    private final List<String> beds;
    private final List<List<Observation>> lines = new ArrayList<>();
    private final double rate;
    private final boolean loop;
    private final double durationS;
    private final RuleEngine engine;
    private final AlertManager alerts;
    private final Consumer<WardMessages.BedReport> out;
    private final String edge;
    private final Clock clock;
    private final int[] offset;
    private volatile boolean stopped;

    /**
     * @param offsets where each bed starts in its recording (spreads simulated beds), or null for 0
     */
    public ScoreReplay(String edge, List<String> beds, ScoreTimeline timeline, int[] offsets, double rate, boolean loop,
                       double durationS, RuleEngine engine, AlertManager alerts, Consumer<WardMessages.BedReport> out, Clock clock) {
        this.edge = edge;
        this.beds = List.copyOf(beds);
        for (String b : beds) lines.add(timeline.forBed(b));
        this.offset = offsets == null ? new int[beds.size()] : offsets.clone();
        this.rate = rate;
        this.loop = loop;
        this.durationS = durationS;
        this.engine = engine;
        this.alerts = alerts;
        this.out = out;
        this.clock = clock;
    }

    public void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        long stepNs = (long) (1e9 / rate);
        for (long step = 0; !stopped; step++) {
            double t = step / rate;
            if (t > durationS) return;
            long due = start + step * stepNs;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            boolean any = false;
            for (int i = 0; i < beds.size(); i++) {
                List<Observation> l = lines.get(i);
                long k = step + offset[i];
                if (!loop && k >= l.size()) continue;
                any = true;
                Observation rec = l.get((int) (k % l.size()));
                String bed = beds.get(i);
                Observation o = new Observation(bed, t, rec.assessability(), rec.emotions(), rec.confidence());
                engine.observe(o);
                double distress = EmotionLabels.distress(o.emotions());
                boolean alerting = alerts.openAlerts().stream().anyMatch(a -> a.bed().equals(bed) && !a.kind().technical() && a.conditionActive());
                String state = alerting ? "alert" : !o.assessability().assessable() ? "cannot_assess"
                        : distress >= Defaults.BUILDING_LEVEL ? "distress_building" : "calm";
                out.accept(new WardMessages.BedReport(edge, bed, t, state, o.assessability().wire(), distress, o.confidence(), clock.instant(),
                        WardMessages.BedReport.rounded(o.emotions())));
            }
            if (!any) return;
        }
    }
}
