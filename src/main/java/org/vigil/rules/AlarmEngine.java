package org.vigil.rules;

import java.time.Clock;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alerts.Alert;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertPriority;

/**
 * The rules engine: per bed, per rule state machines ({@link Episode}) on the stream-time clock of
 * the observations, an optional per-patient {@link Baseline}, technical alerts, and the alert
 * policy (raise, cool-down, escalation, re-raise) applied through the {@link AlertManager}.
 *
 * <p>Simulated clock: every duration is measured on {@link Observation#t()}, so a 20 s clip
 * replayed in 1 s behaves exactly like a live 20 s. Each observation covers the time since the
 * bed's previous one, capped at {@value #MAX_STEP} s so a stalled stream cannot "persist" a
 * condition it did not see. Wall time ({@code clock}) is used only for shifts (time of day) and
 * for the audit trail.
 *
 * <p>Thread-safe (one lock); observe() is cheap. The events returned by observe() are also
 * delivered to {@link AlertManager} subscribers, together with acknowledgements and manual
 * resolutions made from the dashboard.
 */
public final class AlarmEngine implements RuleEngine {
    private static final Logger log = LoggerFactory.getLogger(AlarmEngine.class);
    public static final String TECHNICAL_RULE = "technical";
    /** The rule id of "frequent distress" alerts (rules.yaml 'frequent'). */
    public static final String FREQUENT_RULE = "frequent";
    static final double MAX_STEP = 2.0;

    private final AlertManager alerts;
    private final Clock clock;
    private volatile RuleSet rules;
    private final Map<String, BedRules> beds = new LinkedHashMap<>();
    private final Set<String> warnedLabels = new java.util.HashSet<>();

    private static final class BedRules {
        double lastT = Double.NaN;
        double offlineSince = Double.NaN;
        double notVisibleSince = Double.NaN;
        boolean assessable;
        final Map<String, Episode> episodes = new HashMap<>();
        Baseline baseline;
        /** Stream times of this bed's distress alerts raised in this run, oldest first: the frequent-alert window. */
        final java.util.ArrayDeque<Double> raises = new java.util.ArrayDeque<>();
    }

    /** Baselines learned in earlier runs, used when their bed first reports (unless recalibrated). */
    private final Map<String, Map<String, Double>> savedBaselines;
    private final BaselineStore baselineStore;
    /** Rule policy's clocks (escalation, re-raise, cool-down), fed by the lifecycle's events. */
    private final RuleTimers timers = new RuleTimers();

    public AlarmEngine(RuleSet rules, AlertManager alerts, Clock clock) {
        this.rules = rules;
        this.alerts = alerts;
        this.clock = clock;
        this.baselineStore = new BaselineStore(alerts.store(), clock);
        this.savedBaselines = new HashMap<>(baselineStore.saved());
        alerts.subscribe(timers);
    }

    public RuleSet rules() {
        return rules;
    }

    /** Told of every observation before the rules see it (on the caller's thread; must return at once). */
    private final List<java.util.function.Consumer<Observation>> observers = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Adds a listener told of every observation (the score history records them). */
    public void onObservation(java.util.function.Consumer<Observation> listener) {
        observers.add(listener);
    }

    public AlertManager alerts() {
        return alerts;
    }

    /** Applies a new configuration without a restart. Running episodes of rules that still exist continue. */
    public synchronized List<AlertEvent> apply(RuleSet next) {
        Set<String> ids = next.rules().stream().map(DistressRuleConfig::id).collect(Collectors.toSet());
        List<AlertEvent> out = new ArrayList<>();
        this.rules = next;
        for (Map.Entry<String, BedRules> b : beds.entrySet()) {
            b.getValue().episodes.keySet().removeIf(id -> !ids.contains(id));
            if (!next.baselineFor(b.getKey()).enabled()) b.getValue().baseline = null;
        }
        for (Alert a : alerts.openAlerts()) {
            if (a.kind() == AlertKind.DISTRESS && !ids.contains(a.ruleId()) && !a.latched()) {
                double t = beds.containsKey(a.bed()) ? beds.get(a.bed()).lastT : a.raisedT();
                alerts.conditionEnded(a.id(), Double.isNaN(t) ? a.raisedT() : t, "rule '" + a.ruleId() + "' removed from the configuration").ifPresent(out::add);
            }
        }
        return out;
    }

    /** Starts a new baseline calibration for the bed (new patient in the bed). */
    public synchronized void recalibrate(String bed) {
        BedRules b = beds.get(bed);
        if (b != null) b.baseline = null;
        savedBaselines.remove(bed);
        baselineStore.forget(bed);
        log.info("bed {}: baseline will be learned again", bed);
    }

    /** The learned resting expression of the bed's patient, empty while calibrating or when off. */
    public synchronized Map<String, Double> baseline(String bed) {
        BedRules b = beds.get(bed);
        return b == null || b.baseline == null ? Map.of() : b.baseline.resting();
    }

    /**
     * Whether an episode of any rule is under way for the bed (building, paused or active): a fact for
     * tests. The bed state shown to people is decided in one place, {@code pipeline.BedDecider}.
     */
    synchronized boolean episodeUnderWay(String bed) {
        BedRules b = beds.get(bed);
        return b != null && b.episodes.values().stream().anyMatch(e -> e.phase() != Episode.Phase.IDLE);
    }

    @Override
    public synchronized List<AlertEvent> observe(Observation o) {
        for (java.util.function.Consumer<Observation> l : observers) {
            try {
                l.accept(o);
            } catch (RuntimeException e) {
                log.warn("observation listener failed: {}", e.toString());
            }
        }
        List<AlertEvent> out = new ArrayList<>();
        if (!beds.containsKey(o.bed())) {
            BedRules fresh = new BedRules();
            earlierRaises(o.bed(), o.t(), fresh);
            beds.put(o.bed(), fresh);
            timers.restored(alerts.openAlerts().stream().filter(a -> a.bed().equals(o.bed())).toList(), o.t());
        }
        BedRules b = beds.get(o.bed());
        double t = o.t();
        double dt = Double.isNaN(b.lastT) ? 0 : Math.max(0, Math.min(MAX_STEP, t - b.lastT));
        if (!Double.isNaN(b.lastT) && t < b.lastT - 1) {
            // The stream restarted (new file, reconnect with a fresh clock): episodes cannot span it.
            if (!alerts.quiet()) log.info("bed {}: stream time went back from {} to {}; episodes restart", o.bed(), b.lastT, t);
            b.episodes.values().forEach(Episode::reset);
            b.raises.clear();
        }
        b.lastT = t;
        b.assessable = o.assessability().assessable();
        alerts.noteTime(o.bed(), t);
        RuleSet rs = rules;

        Baseline baseline = baseline(o.bed(), b, rs.baselineFor(o.bed()));
        if (baseline != null && b.assessable && !baseline.calibrated()) {
            baseline.learn(o.emotions(), dt);
            if (baseline.calibrated()) {
                // Episodes built on raw scores are judged afresh against the learned resting expression.
                if (!alerts.quiet()) log.info("bed {}: baseline learned {}", o.bed(), baseline.resting());
                baselineStore.save(o.bed(), baseline.resting());
                for (Map.Entry<String, Episode> en : b.episodes.entrySet()) {
                    if (!en.getValue().alerted) en.getValue().reset();
                }
            }
        }
        boolean calibrating = baseline != null && !baseline.calibrated();
        boolean mayRaise = !(calibrating && !rs.baselineFor(o.bed()).alertDuringCalibration());

        LocalTime timeOfDay = clock.instant().atZone(rs.zone()).toLocalTime();
        for (DistressRuleConfig r : rs.effectiveRules(o.bed(), timeOfDay)) {
            Episode ep = b.episodes.computeIfAbsent(r.id(), k -> new Episode());
            Optional<Alert> open = alerts.openFor(o.bed(), AlertKind.DISTRESS, r.id());
            if (!r.enabled()) {
                if (ep.alerted && open.isPresent()) alerts.conditionEnded(open.get().id(), t, "rule disabled").ifPresent(out::add);
                ep.reset();
                continue;
            }
            boolean wasAlerted = ep.alerted;
            Episode.Signal sig;
            double score = 0;
            if (b.assessable) {
                if (!o.emotions().isEmpty() && r.emotions().stream().noneMatch(o.emotions()::containsKey)
                        && warnedLabels.add(r.id() + "|" + o.emotions().keySet())) {
                    log.warn("rule '{}' watches {} but the model reports only {}: this rule can never alert",
                            r.id(), r.emotions(), new java.util.TreeSet<>(o.emotions().keySet()));
                }
                Baseline bl = baseline;
                score = r.combine().apply(r.emotions(), e -> bl == null ? o.p(e) : bl.adjust(e, o.p(e)));
                sig = ep.observe(r, t, dt, score);
            } else {
                sig = ep.gap(r, t, dt);
            }
            if (sig == Episode.Signal.CLEARED) {
                if (wasAlerted && open.isPresent()) {
                    alerts.conditionEnded(open.get().id(), t, String.format("condition ended: score below %.2f for %.0f s", r.end(), r.clearAfter()))
                            .ifPresent(out::add);
                }
                continue;
            }
            // Only an assessable observation in an active episode can raise: never on "cannot assess".
            if (b.assessable && ep.phase() == Episode.Phase.ACTIVE && !ep.alerted && mayRaise && score >= r.end()) {
                if (open.isPresent()) {
                    ep.alerted = true; // latched or restored alert still open: attach, never duplicate
                    alerts.conditionActive(open.get().id());
                } else if (!inCooldown(o.bed(), r, t)) {
                    String msg = String.format("%s %.2f held %.0f s (start %.2f, persist %.0f s%s)", String.join("+", r.emotions()),
                            score, ep.held(), r.start(), r.persist(), r.within() > 0 ? String.format(" within %.0f s", r.within()) : "")
                            + (baseline != null && baseline.calibrated() ? ", relative to the patient's baseline" : "");
                    Optional<AlertEvent> ev = alerts.raise(o.bed(), AlertKind.DISTRESS, r.id(), r.priority(), t, o.emotions(), msg, r.latched());
                    ev.ifPresent(out::add);
                    ep.alerted = true;
                    if (ev.isPresent()) frequent(o, b, rs.frequent(), out);
                }
            }
            alerts.openFor(o.bed(), AlertKind.DISTRESS, r.id()).ifPresent(a -> escalateOrReraise(a, r, ep, t, b.assessable, out));
        }
        technical(o, b, rs.technical(), out);
        return out;
    }

    /**
     * A distress alert was just raised at {@code o.t()}: count the bed's alerts of the last
     * {@code within} seconds (window (t - within, t], this one included) and raise one latched
     * "frequent distress" alert when they are more than {@code moreThan}. While it is open no second one
     * is raised; once a nurse resolves it, the next alert that still finds the count too high raises again.
     */
    private void frequent(Observation o, BedRules b, FrequentConfig f, List<AlertEvent> out) {
        double t = o.t();
        b.raises.addLast(t);
        while (!b.raises.isEmpty() && b.raises.peekFirst() <= t - f.within()) b.raises.removeFirst();
        if (!f.enabled() || b.raises.size() <= f.moreThan()) return;
        String msg = String.format("%d distress alerts in the last %s (more than %d): this patient needs a person at the bedside",
                b.raises.size(), minutes(f.within()), f.moreThan());
        alerts.raise(o.bed(), AlertKind.FREQUENT_DISTRESS, FREQUENT_RULE, f.priority(), t, o.emotions(), msg, true).ifPresent(out::add);
    }

    /**
     * The bed's distress alerts of earlier runs still inside the frequent window, placed on this run's
     * stream time by their wall-clock age: a restart of Vigil must not reset the count a patient who keeps
     * alerting has built up.
     */
    private void earlierRaises(String bed, double t, BedRules b) {
        if (alerts.store() == null) return;
        java.time.Instant now = clock.instant();
        try {
            for (org.vigil.alerts.Alert a : alerts.store().alerts(bed, now.minusMillis((long) (rules.frequent().within() * 1000)), now)) {
                if (a.kind() == AlertKind.DISTRESS) b.raises.addLast(t - java.time.Duration.between(a.raisedAt(), now).toMillis() / 1000.0);
            }
        } catch (java.sql.SQLException e) {
            log.warn("bed {}: earlier distress alerts not read from {} (the frequent-distress count starts at 0): {}", bed,
                    alerts.store().file(), e.getMessage());
        }
    }

    private static String minutes(double s) {
        return s % 60 == 0 ? String.format("%.0f min", s / 60) : String.format("%.0f s", s);
    }

    private boolean inCooldown(String bed, DistressRuleConfig r, double t) {
        double last = timers.lastResolved(bed, AlertKind.DISTRESS, r.id());
        return !Double.isNaN(last) && t >= last && t - last < r.cooldown();
    }

    private void escalateOrReraise(Alert a, DistressRuleConfig r, Episode ep, double t, boolean assessable, List<AlertEvent> out) {
        double ref = timers.reference(a.id());
        if (Double.isNaN(ref)) return;
        if (!a.acknowledged()) {
            int level = a.escalationLevel();
            if (level < r.escalation().size()) {
                EscalationStep s = r.escalation().get(level);
                if (t - ref >= s.after()) {
                    alerts.escalate(a.id(), level + 1, s.to(), s.priority(), t,
                            String.format("unacknowledged for %.0f s: escalated to %s", t - ref, s.to())).ifPresent(out::add);
                }
            }
        } else if (r.reraiseAfter() > 0 && assessable && ep.phase() == Episode.Phase.ACTIVE && ep.lastScore() >= r.end()) {
            double ack = timers.acknowledged(a.id());
            if (!Double.isNaN(ack) && t - ack >= r.reraiseAfter()) {
                alerts.reraise(a.id(), t, String.format("condition still present %.0f s after acknowledgement", t - ack)).ifPresent(out::add);
            }
        }
    }

    private Baseline baseline(String bed, BedRules b, BaselineConfig cfg) {
        if (!cfg.enabled()) {
            b.baseline = null;
            return null;
        }
        if (b.baseline == null) {
            Map<String, Double> saved = savedBaselines.get(bed);
            b.baseline = saved != null ? Baseline.restored(saved) : new Baseline(cfg.calibration());
            if (saved != null && !alerts.quiet()) log.info("bed {}: using the baseline learned before the restart {}", bed, saved);
        }
        return b.baseline;
    }

    private void technical(Observation o, BedRules b, TechnicalConfig tc, List<AlertEvent> out) {
        double t = o.t();
        if (o.assessability() == Assessability.CAMERA_OFFLINE) {
            if (Double.isNaN(b.offlineSince)) b.offlineSince = t;
            b.notVisibleSince = Double.NaN;
            if (t - b.offlineSince >= tc.cameraOfflineAfter()) {
                alerts.raise(o.bed(), AlertKind.CAMERA_OFFLINE, TECHNICAL_RULE, tc.priority(), t, Map.of(),
                        String.format("camera offline for %.0f s", t - b.offlineSince), false).ifPresent(out::add);
            }
            return;
        }
        b.offlineSince = Double.NaN;
        endTechnical(o.bed(), AlertKind.CAMERA_OFFLINE, t, "camera back online", out);
        if (!o.assessability().assessable()) {
            if (Double.isNaN(b.notVisibleSince)) b.notVisibleSince = t;
            if (t - b.notVisibleSince >= tc.notVisibleAfter()) {
                alerts.raise(o.bed(), AlertKind.NOT_VISIBLE, TECHNICAL_RULE, tc.priority(), t, Map.of(),
                        String.format("patient not assessable for %.0f s (%s)", t - b.notVisibleSince,
                                o.assessability().name().toLowerCase().replace('_', ' ')), false).ifPresent(out::add);
            }
        } else {
            b.notVisibleSince = Double.NaN;
            endTechnical(o.bed(), AlertKind.NOT_VISIBLE, t, "patient visible again", out);
            // Scores for an assessable face prove the model works (also ends a model-failure restored after a restart).
            if (!o.emotions().isEmpty()) endTechnical(o.bed(), AlertKind.MODEL_FAILURE, t, "emotion model working again", out);
        }
    }

    private void endTechnical(String bed, AlertKind kind, double t, String msg, List<AlertEvent> out) {
        alerts.openFor(bed, kind, TECHNICAL_RULE).ifPresent(a -> alerts.conditionEnded(a.id(), t, msg).ifPresent(out::add));
    }

    /** The pipeline reports that the emotion model failed for this bed (exception, NaN output). */
    @Override
    public synchronized List<AlertEvent> modelFailure(String bed, double t, String message) {
        List<AlertEvent> out = new ArrayList<>();
        alerts.raise(bed, AlertKind.MODEL_FAILURE, TECHNICAL_RULE, AlertPriority.HIGH, t, Map.of(), "emotion model failed: " + message, false)
                .ifPresent(out::add);
        return out;
    }

    /** The model works again for this bed. */
    @Override
    public synchronized List<AlertEvent> modelRecovered(String bed, double t) {
        List<AlertEvent> out = new ArrayList<>();
        endTechnical(bed, AlertKind.MODEL_FAILURE, t, "emotion model working again", out);
        return out;
    }

    /** The bed name of alerts about the box itself rather than one bed (storage). */
    public static final String BOX = "all";

    /** A file cannot be written (disk full, read-only): technical alert "storage"; monitoring goes on. */
    public synchronized List<AlertEvent> storageProblem(String file, String problem) {
        List<AlertEvent> out = new ArrayList<>();
        alerts.raise(BOX, AlertKind.STORAGE, TECHNICAL_RULE, rules.technical().priority(), 0, Map.of(),
                "cannot write " + file + ": " + problem, false).ifPresent(out::add);
        return out;
    }

    /** Writing works again. */
    public synchronized List<AlertEvent> storageRecovered(String file) {
        List<AlertEvent> out = new ArrayList<>();
        endTechnical(BOX, AlertKind.STORAGE, 0, file + " writable again", out);
        return out;
    }
}
