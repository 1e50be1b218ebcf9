package org.vigil.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert lifecycle: raised -> (escalated) -> acknowledged -> resolved, with re-raise. Policy
 * (when to raise, escalate, re-raise) lives in the rules engine; this class owns the state, makes
 * each transition durable in the {@link AlertStore} before telling anyone, and notifies listeners.
 *
 * <p>Thread-safe: the pipeline (via the engine) and the dashboard (acknowledge/resolve) call it from
 * their own threads. Listeners run on the caller's thread after the state lock is released; they
 * must return quickly (Swing: invokeLater).
 *
 * <p>Times: {@code t} is stream seconds of the bed (the engine's simulated clock); {@code at} is the
 * wall clock, used for the audit trail, exports and acknowledgement-time statistics.
 */
public final class AlertManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertManager.class);
    public static final String SYSTEM = "system";
    public static final String DEFAULT_RECIPIENT = "ward";

    private final AlertStore store; // null = in memory only (tests, replays)
    private final Clock clock;
    private final Map<String, Alert> open = new LinkedHashMap<>();
    private final Map<String, Double> lastT = new HashMap<>();
    private final List<Consumer<AlertEvent>> listeners = new CopyOnWriteArrayList<>();
    /** Alerts that ended before anyone acknowledged them: they stay in the nurse's queue until seen. */
    private final Map<String, Alert> unseen = new LinkedHashMap<>();
    /**
     * Writes the store refused for want of space or I/O, oldest first: kept in memory and retried in
     * order (before any newer write, and every {@link #RETRY_S} s), so a full disk loses no alert.
     */
    private final java.util.ArrayDeque<StoreWrite> unwritten = new java.util.ArrayDeque<>();
    /** Beyond this many unwritten steps the oldest is given up (logged): memory stays bounded on a disk that never recovers. */
    static final int MAX_UNWRITTEN = 10_000;
    /** Seconds between retries of unwritten steps while the store fails. */
    static final int RETRY_S = 5;
    private boolean storeFailing;
    private long lost;
    private boolean closed;
    private volatile java.util.function.BiConsumer<java.nio.file.Path, String> storageListener = (f, problem) -> { };
    /** Tells the storage listener (off the state lock: it raises an alert through this manager) and retries; started on the first failure. */
    private java.util.concurrent.ScheduledExecutorService storeWatch;

    /** One write to the store, kept to be retried when the store cannot take it now. */
    private record StoreWrite(String what, StoreAction action) {}

    @FunctionalInterface
    private interface StoreAction {
        void apply(AlertStore store) throws Exception;
    }

    /** Opens the manager on a store and brings back every alert that was open when Vigil stopped. */
    public AlertManager(AlertStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        if (store != null) {
            try {
                for (Alert a : store.openAlerts()) open.put(a.id(), a);
                if (!open.isEmpty()) log.info("{} open alert(s) restored from {}", open.size(), store.file());
                for (Alert a : store.endedUnseen()) unseen.put(a.id(), a);
                if (!unseen.isEmpty()) log.info("{} alert(s) that ended unseen restored from {}", unseen.size(), store.file());
            } catch (Exception e) {
                throw new IllegalStateException("cannot read open alerts from " + store.file() + ": " + e.getMessage(), e);
            }
        }
    }

    public AlertStore store() {
        return store;
    }

    public static AlertManager inMemory(Clock clock) {
        return new AlertManager(null, clock);
    }

    /** Replays of recorded scores (override suggestions) log nothing: their alerts must not read as real ones in the log. */
    private boolean quiet;

    /** In memory, logging no transitions: for replays inside a running Vigil. */
    public static AlertManager quietInMemory(Clock clock) {
        AlertManager m = new AlertManager(null, clock);
        m.quiet = true;
        return m;
    }

    public boolean quiet() {
        return quiet;
    }

    public void subscribe(Consumer<AlertEvent> listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Consumer<AlertEvent> listener) {
        listeners.remove(listener);
    }

    /**
     * Told when writing to the store fails for want of storage ({@code problem}: what went wrong) and
     * when everything kept in memory meanwhile is written ({@code problem} null). Called on a thread of
     * the manager's own, never under its lock, so the listener may raise the "storage" technical alert here.
     */
    public void onStorageProblem(java.util.function.BiConsumer<java.nio.file.Path, String> listener) {
        storageListener = listener;
    }

    /** Transitions waiting to be written to the store (it refused them: disk full, I/O error). */
    public synchronized int unwrittenCount() {
        return unwritten.size();
    }

    /** Steps the store never got: refused for a reason other than storage, or dropped over {@link #MAX_UNWRITTEN}. */
    public synchronized long lostCount() {
        return lost;
    }

    /** Open alerts, oldest first. */
    public synchronized List<Alert> openAlerts() {
        List<Alert> out = new ArrayList<>(open.values());
        out.sort(Comparator.comparing(Alert::raisedAt).thenComparing(Alert::id));
        return out;
    }

    public synchronized Optional<Alert> get(String alertId) {
        return Optional.ofNullable(open.get(alertId));
    }

    public synchronized Optional<Alert> openFor(String bed, AlertKind kind, String ruleId) {
        return open.values().stream().filter(a -> a.bed().equals(bed) && a.kind() == kind && a.ruleId().equals(ruleId)).findFirst();
    }

    /** The engine reports each bed's stream time so that manual steps get a stream time too. */
    public synchronized void noteTime(String bed, double t) {
        lastT.put(bed, t);
    }

    /** Raises a new alert, or returns empty when one is already open for (bed, kind, rule): never a duplicate. */
    public Optional<AlertEvent> raise(String bed, AlertKind kind, String ruleId, AlertPriority priority, double t,
                                      Map<String, Double> emotions, String message, boolean latched) {
        AlertEvent ev;
        synchronized (this) {
            if (openFor(bed, kind, ruleId).isPresent()) return Optional.empty();
            Instant now = clock.instant();
            String id = UUID.randomUUID().toString();
            Alert a = new Alert(id, bed, kind, ruleId, priority, AlertTransition.RAISED, t, now, 0, DEFAULT_RECIPIENT,
                    latched, true, null, null, null, null, message, emotions);
            ev = new AlertEvent(id, bed, kind, priority, AlertTransition.RAISED, t, now, emotions, ruleId, message, SYSTEM);
            commit(a, ev);
        }
        publish(ev);
        return Optional.of(ev);
    }

    /** The alert's condition has ended: non-latched alerts resolve; latched ones stay open, marked inactive. */
    public Optional<AlertEvent> conditionEnded(String alertId, double t, String message) {
        AlertEvent ev = null;
        synchronized (this) {
            Alert a = open.get(alertId);
            if (a == null) return Optional.empty();
            if (a.latched()) {
                Alert b = a.toBuilder().conditionActive(false).resolved(null, null).build();
                open.put(alertId, b);
                persistQuietly(b);
                return Optional.empty();
            }
            ev = resolveLocked(a, t, SYSTEM, message);
        }
        publish(ev);
        return Optional.of(ev);
    }

    /** A condition came back while its (latched or acknowledged) alert is still open. */
    public synchronized void conditionActive(String alertId) {
        Alert a = open.get(alertId);
        if (a != null && !a.conditionActive()) {
            Alert b = a.toBuilder().conditionActive(true).resolved(null, null).build();
            open.put(alertId, b);
            persistQuietly(b);
        }
    }

    public Optional<AlertEvent> escalate(String alertId, int level, String to, AlertPriority priority, double t, String message) {
        AlertEvent ev;
        synchronized (this) {
            Alert a = open.get(alertId);
            if (a == null || a.acknowledged() || a.escalationLevel() >= level) return Optional.empty();
            AlertPriority p = priority == null ? a.priority() : priority;
            Alert b = a.toBuilder().state(AlertTransition.ESCALATED).priority(p).escalationLevel(level).recipient(to)
                    .acked(null, null).resolved(null, null).build();
            ev = event(b, AlertTransition.ESCALATED, t, SYSTEM, message);
            commit(b, ev);
        }
        publish(ev);
        return Optional.of(ev);
    }

    /** Re-raises an acknowledged alert whose condition persists: unacknowledged again, escalation restarts. */
    public Optional<AlertEvent> reraise(String alertId, double t, String message) {
        AlertEvent ev;
        synchronized (this) {
            Alert a = open.get(alertId);
            if (a == null || !a.acknowledged()) return Optional.empty();
            Alert b = a.toBuilder().state(AlertTransition.RAISED).escalationLevel(0).recipient(DEFAULT_RECIPIENT)
                    .conditionActive(true).acked(null, null).resolved(null, null).raisedT(t).build();
            ev = event(b, AlertTransition.RAISED, t, SYSTEM, message);
            commit(b, ev);
        }
        publish(ev);
        return Optional.of(ev);
    }

    /** A person acknowledges: "I have seen it and am on it". Empty if the alert is not open or already acknowledged. */
    public Optional<AlertEvent> acknowledge(String alertId, String actor) {
        requireActor(actor);
        AlertEvent ev;
        synchronized (this) {
            Alert a = open.get(alertId);
            if (a == null && unseen.containsKey(alertId)) return acknowledgeEndedLocked(unseen.get(alertId), actor, null);
            if (a == null || a.acknowledged()) return Optional.empty();
            Instant now = clock.instant();
            Alert b = a.toBuilder().state(AlertTransition.ACKNOWLEDGED).acked(actor, now).resolved(null, null).build();
            double t = lastT.getOrDefault(a.bed(), a.raisedT());
            ev = new AlertEvent(a.id(), a.bed(), a.kind(), a.priority(), AlertTransition.ACKNOWLEDGED, t, now, a.emotions(),
                    a.ruleId(), "acknowledged by " + actor, actor);
            commit(b, ev);
        }
        publish(ev);
        return Optional.of(ev);
    }

    /** A person resolves an alert by hand (the only way a latched alert closes). */
    public Optional<AlertEvent> resolve(String alertId, String actor, String reason) {
        requireActor(actor);
        AlertEvent ev;
        synchronized (this) {
            Alert a = open.get(alertId);
            if (a == null) return Optional.empty();
            ev = resolveLocked(a, lastT.getOrDefault(a.bed(), a.raisedT()), actor,
                    reason == null || reason.isBlank() ? "resolved by " + actor : reason);
        }
        publish(ev);
        return Optional.of(ev);
    }

    /**
     * Records a transition decided elsewhere (an edge box of the ward), keeping its alert id and its
     * times: the central station's copy of the edge's alert. Empty when it changes nothing: a
     * duplicate delivery (the same transition at the same time is already in the store, or in this
     * run), a step for an alert that is not open, a raise of an alert that was already resolved, an
     * escalation to a level the alert has reached already (the central station took that step itself).
     *
     * @param latched         whether the alert stays open until a person resolves it (from the edge)
     * @param escalationLevel the edge's escalation level after the step
     * @param recipient       who is notified after the step
     */
    public Optional<AlertEvent> mirror(AlertEvent ev, boolean latched, int escalationLevel, String recipient) {
        synchronized (this) {
            String key = ev.alertId() + '\u0000' + ev.transition() + '\u0000' + ev.at().toEpochMilli();
            if (!mirrored.add(key)) return Optional.empty();
            if (mirrored.size() > 100_000) mirrored.clear(); // the store still answers; memory stays bounded
            if (store != null) {
                try {
                    if (store.hasEvent(ev.alertId(), ev.transition(), ev.at())) return Optional.empty();
                } catch (Exception e) {
                    log.warn("cannot check alert {} in {}: {}", ev.alertId(), store.file(), e.getMessage());
                }
            }
            Alert a = open.get(ev.alertId());
            Alert b;
            switch (ev.transition()) {
                case RAISED -> {
                    if (a == null) {
                        if (wasResolved(ev.alertId())) return Optional.empty();
                        b = new Alert(ev.alertId(), ev.bed(), ev.kind(), ev.ruleId(), ev.priority(), AlertTransition.RAISED, ev.t(),
                                ev.at(), 0, recipient == null ? DEFAULT_RECIPIENT : recipient, latched, true, null, null, null, null,
                                ev.message(), ev.emotions());
                    } else {
                        b = a.toBuilder().state(AlertTransition.RAISED).priority(ev.priority()).escalationLevel(0)
                                .recipient(DEFAULT_RECIPIENT).conditionActive(true).acked(null, null).resolved(null, null)
                                .raisedT(ev.t()).build();
                    }
                }
                case ESCALATED -> {
                    if (a == null) return Optional.empty();
                    // The central took this step already (the edge was offline): a second one would skip a level.
                    if (escalationLevel > 0 && escalationLevel <= a.escalationLevel()) return Optional.empty();
                    b = a.toBuilder().state(AlertTransition.ESCALATED).priority(ev.priority())
                            .escalationLevel(Math.max(escalationLevel, a.escalationLevel() + 1))
                            .recipient(recipient == null ? a.recipient() : recipient).acked(null, null).resolved(null, null).build();
                }
                case ACKNOWLEDGED -> {
                    if (a == null || a.acknowledged()) return Optional.empty();
                    b = a.toBuilder().state(AlertTransition.ACKNOWLEDGED).acked(ev.actor(), ev.at()).resolved(null, null).build();
                }
                case RESOLVED -> {
                    if (a == null) return Optional.empty();
                    b = a.toBuilder().state(AlertTransition.RESOLVED).resolved(ev.actor(), ev.at()).build();
                }
                default -> {
                    return Optional.empty();
                }
            }
            commit(b, ev);
            lastT.put(ev.bed(), ev.t());
        }
        publish(ev);
        return Optional.of(ev);
    }

    /** Transition keys mirrored in this run (alert id, transition, time): duplicates are dropped even without a store. */
    private final java.util.Set<String> mirrored = new java.util.HashSet<>();

    private boolean wasResolved(String alertId) {
        if (store == null) return false;
        try {
            return store.hasEvent(alertId, AlertTransition.RESOLVED, null);
        } catch (Exception e) {
            return false;
        }
    }

    private AlertEvent resolveLocked(Alert a, double t, String actor, String message) {
        return resolveLocked(a, t, actor, message, null);
    }

    private AlertEvent resolveLocked(Alert a, double t, String actor, String message, AlertFeedback feedback) {
        Instant now = clock.instant();
        Alert b = a.toBuilder().state(AlertTransition.RESOLVED).resolved(actor, now).build();
        AlertEvent ev = new AlertEvent(a.id(), a.bed(), a.kind(), a.priority(), AlertTransition.RESOLVED, t, now, a.emotions(),
                a.ruleId(), message, actor);
        boolean endedUnseen = endsUnseen(a.kind(), a.acknowledged(), actor);
        commit(b, ev, endedUnseen, feedback);
        if (endedUnseen) unseen.put(b.id(), b);
        return ev;
    }

    /**
     * Whether an alert ending now stays in the nurse's queue as "ended — not yet seen": a clinical alert
     * the system ends before anyone acknowledged it. Technical alerts (camera, visibility, model, nurse
     * call) are not kept: their state shows on the bed tile and they come back by themselves if it lasts.
     * The dashboard's queue asks the same question of the events, so both agree.
     */
    public static boolean endsUnseen(AlertKind kind, boolean acknowledged, String actor) {
        return !kind.technical() && !acknowledged && SYSTEM.equals(actor);
    }

    /** Alerts that ended before anyone acknowledged them and that nobody has seen since, oldest first. */
    public synchronized List<Alert> endedUnseen() {
        List<Alert> out = new ArrayList<>(unseen.values());
        out.sort(Comparator.comparing(Alert::raisedAt).thenComparing(Alert::id));
        return out;
    }

    /**
     * A person resolves an alert and says what it was (feedback may be null: never required). An
     * alert that already ended unseen is acknowledged instead (it is resolved already): the returned
     * event is that acknowledgement. The outcome is stored with the step, in one transaction.
     */
    public Optional<AlertEvent> resolve(String alertId, String actor, Outcome outcome, FalseAlarmReason reason) {
        requireActor(actor);
        AlertEvent ev;
        synchronized (this) {
            AlertFeedback f = outcome == null ? null : new AlertFeedback(alertId, outcome, reason, actor, clock.instant());
            Alert a = open.get(alertId);
            if (a == null && unseen.containsKey(alertId)) return acknowledgeEndedLocked(unseen.get(alertId), actor, f);
            if (a == null) return Optional.empty();
            ev = resolveLocked(a, lastT.getOrDefault(a.bed(), a.raisedT()), actor,
                    "resolved by " + actor + (f == null ? "" : ": " + f.describe()), f);
        }
        publish(ev);
        return Optional.of(ev);
    }

    /**
     * The nurse saw an alert that had ended unseen. The returned event goes to the caller (the queue)
     * only: for every other listener, the nurse-call system included, the alert ended already.
     */
    private Optional<AlertEvent> acknowledgeEndedLocked(Alert a, String actor, AlertFeedback feedback) {
        Instant now = clock.instant();
        AlertEvent ev = new AlertEvent(a.id(), a.bed(), a.kind(), a.priority(), AlertTransition.ACKNOWLEDGED,
                lastT.getOrDefault(a.bed(), a.raisedT()), now, a.emotions(), a.ruleId(),
                "seen by " + actor + " after it ended" + (feedback == null ? "" : ": " + feedback.describe()), actor);
        write("acknowledgement of ended alert " + a.id(), s -> s.acknowledgeEnded(ev, feedback));
        unseen.remove(a.id());
        log.info("alert ACKNOWLEDGED (ended unseen) {} bed={} kind={} actor={}: {}", a.id(), a.bed(), a.kind(), actor, ev.message());
        return Optional.of(ev);
    }

    private AlertEvent event(Alert b, AlertTransition tr, double t, String actor, String message) {
        return new AlertEvent(b.id(), b.bed(), b.kind(), b.priority(), tr, t, clock.instant(), b.emotions(), b.ruleId(), message, actor);
    }

    /** Durable first, then in memory: a transition nobody could see after a crash must not be announced. */
    private void commit(Alert b, AlertEvent ev) {
        commit(b, ev, false, null);
    }

    private void commit(Alert b, AlertEvent ev, boolean endedUnseen, AlertFeedback feedback) {
        // Patient safety first: a step the store refuses is still shown (and kept to be written later).
        write("alert " + ev.transition() + " " + ev.alertId(), s -> s.record(b, ev, endedUnseen, feedback));
        if (b.open()) open.put(b.id(), b);
        else open.remove(b.id());
        if (!quiet) log.info("alert {} {} bed={} kind={} rule={} priority={} actor={}: {}", ev.transition(), ev.alertId(), ev.bed(),
                ev.kind(), ev.ruleId(), ev.priority(), ev.actor(), ev.message());
    }

    private void persistQuietly(Alert b) {
        if (store == null) return;
        // A condition flag change is not a transition; it updates the row without an event.
        write("condition of alert " + b.id(), s -> s.updateState(b));
    }

    /** Writes (under the state lock) after any earlier writes still waiting; a refused write waits in memory. */
    private void write(String what, StoreAction action) {
        if (store == null) return;
        unwritten.add(new StoreWrite(what, action));
        if (unwritten.size() > MAX_UNWRITTEN) {
            log.error("{} could NOT be written to {} and is given up: more than {} steps wait for the store", unwritten.peek().what(),
                    store.file(), MAX_UNWRITTEN);
            unwritten.poll();
            lost++;
        }
        writeWaiting();
        if (storeFailing) {
            log.error("{} could NOT be written to {} now: kept in memory ({} step(s) wait) and written when it accepts writes",
                    what, store.file(), unwritten.size());
        }
    }

    /** Writes what waits, in order, until the store refuses one. Under the state lock. */
    private void writeWaiting() {
        int caughtUp = 0;
        while (!unwritten.isEmpty()) {
            StoreWrite w = unwritten.peek();
            try {
                w.action().apply(store);
            } catch (Exception e) {
                if (!AlertStore.isStorageFault(e)) {
                    // It would fail again (a bug, not the disk): say so and do not hold the later steps back.
                    log.error("{} could NOT be written to {}: {}", w.what(), store.file(), e.getMessage());
                    unwritten.poll();
                    lost++;
                    continue;
                }
                if (!storeFailing) {
                    storeFailing = true;
                    String problem = e.getMessage() == null ? e.toString() : e.getMessage();
                    log.error("the alert store {} refuses writes: {}", store.file(), problem);
                    tell(() -> storageListener.accept(store.file(), problem));
                } else {
                    log.debug("the alert store {} still refuses writes: {}", store.file(), e.getMessage());
                }
                return;
            }
            unwritten.poll();
            caughtUp++;
        }
        if (storeFailing) {
            storeFailing = false;
            log.info("the alert store {} accepts writes again: {} waiting step(s) written", store.file(), caughtUp);
            tell(() -> storageListener.accept(store.file(), null));
        }
    }

    /** Runs on the retry thread, in order, unless closed. */
    private void tell(Runnable r) {
        if (!closed) watch().execute(r);
    }

    private java.util.concurrent.ScheduledExecutorService watch() {
        if (storeWatch == null) {
            storeWatch = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vigil-alert-store-retry");
                t.setDaemon(true);
                return t;
            });
            storeWatch.scheduleWithFixedDelay(() -> {
                synchronized (this) {
                    if (storeFailing) writeWaiting();
                }
            }, RETRY_S, RETRY_S, java.util.concurrent.TimeUnit.SECONDS);
        }
        return storeWatch;
    }

    private void publish(AlertEvent ev) {
        for (Consumer<AlertEvent> l : listeners) {
            try {
                l.accept(ev);
            } catch (RuntimeException e) {
                log.warn("alert listener failed: {}", e.toString());
            }
        }
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) throw new IllegalArgumentException("acknowledging or resolving needs a person's name");
    }


    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (storeWatch != null) storeWatch.shutdownNow();
            if (store != null && !unwritten.isEmpty()) {
                writeWaiting();
                if (!unwritten.isEmpty()) {
                    log.error("{} alert step(s) could NOT be written to {} before closing; the first: {}", unwritten.size(),
                            store.file(), unwritten.peek().what());
                }
            }
        }
        if (store != null) store.close();
    }
}
