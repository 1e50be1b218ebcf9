package org.vigil.ui;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertTransition;
import org.vigil.base.Defaults;
import org.vigil.capture.SourceState;
import org.vigil.pipeline.BedState;
import org.vigil.pipeline.BedStatus;
import org.vigil.pipeline.PipelineListener;
import org.vigil.rules.Assessability;
import org.vigil.ward.BrokerAddress;
import org.vigil.ward.MqttLink;
import org.vigil.ward.WardCodec;
import org.vigil.ward.WardMessages;
import org.vigil.ward.WardTopics;

/**
 * A nurse station on the ward's MQTT broker (docs/deployment.md): every bed the edges publish, the
 * central station's alerts, and acknowledge / resolve sent to the central as commands with the
 * nurse's name. Nothing is watched here and no video arrives (the edges send scores and states only).
 *
 * <p>A lost broker, or a central station whose Last Will arrived, is shown at once on every bed as
 * offline ("central station unreachable since HH:MM:SS"), never as the last calm state; a bed whose
 * edge went offline (as the central reports it) or fell silent is offline too. After a reconnect the
 * retained bed and alert states bring everything back.
 *
 * <p>Threads: the MQTT client's callbacks and one watchdog thread; the state below is guarded by
 * {@code this}; the listener (the dashboard's model) only stores values.
 */
public final class WardBackend implements MonitorBackend, AlertActions {
    private static final Logger LOG = LoggerFactory.getLogger(WardBackend.class);
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** One bed as last reported; {@code shown} is the source state last given to the listener. */
    private static final class Bed {
        WardMessages.BedReport report;
        long reportNanos;
        double stateSince;
        SourceState shown;
        String shownDetail;
    }

    private final WardTopics topics;
    private final BrokerAddress broker;
    private final String station;
    private final Clock clock;
    private final ZoneId zone;
    private final MqttLink link;
    private final Map<String, Bed> beds = new LinkedHashMap<>();
    private final Map<String, WardMessages.EdgePresence> edges = new HashMap<>();
    /** Open alerts as last passed on (a re-sync delivers the same retained states again: not new events). */
    private final Map<String, WardMessages.AlertState> alerts = new HashMap<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-ward-watchdog");
        t.setDaemon(true);
        return t;
    });
    private PipelineListener listener;
    private java.util.function.BiConsumer<String, String> rooms = (bed, room) -> { };
    private java.util.function.Consumer<String> linkProblem = x -> { };
    /** When the broker was lost, or null while connected. */
    private Instant brokerLostAt;
    /** When the central's Last Will (or goodbye) arrived, or null while it is online or not heard of. */
    private Instant centralOfflineAt;

    /**
     * @param station where the nurse sits (the "from" of commands, e.g. the host name); also names the MQTT client
     */
    public WardBackend(WardTopics topics, BrokerAddress broker, String station, Clock clock) {
        this.topics = topics;
        this.broker = broker;
        this.station = WardTopics.check("station", station);
        this.clock = clock;
        this.zone = clock.getZone();
        link = new MqttLink("nurse-station-" + station + "-" + topics.ward(), broker, Defaults.WARD_KEEP_ALIVE_S, null,
                List.of(topics.allBeds(), topics.allAlertStates(), topics.allPresence(), topics.centralPresence()),
                this::onMessage, this::onConnected, this::onDisconnected);
    }

    /** Told (bed, room) for every bed an edge box announces: the room is the edge box. Call before {@link #attach}. */
    public WardBackend rooms(java.util.function.BiConsumer<String, String> sink) {
        rooms = sink;
        return this;
    }

    /** Starts receiving into {@code l} (the dashboard's model); connects in the background. */
    public WardBackend attach(PipelineListener l) {
        return attach(l, null);
    }

    /** @param problem told why the ward as a whole cannot be trusted now (null: all well), e.g. the dashboard's banner */
    public WardBackend attach(PipelineListener l, java.util.function.Consumer<String> problem) {
        synchronized (this) {
            listener = l;
            if (problem != null) linkProblem = problem;
            brokerLostAt = clock.instant(); // not connected until the broker says so
            linkChanged();
        }
        link.connect();
        watchdog.scheduleWithFixedDelay(this::checkStale, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    public boolean connected() {
        return link.connected();
    }

    /** The beds come from the ward's edges, not from local sources: nothing to start. */
    @Override
    public void start(String bed, String source, PipelineListener l) {
        LOG.info("nurse station on {}: bed {} is watched by its edge box; source {} not opened here", topics.base(), bed, source);
    }

    @Override
    public void acknowledge(String alertId, String actor) {
        command("ack", alertId, actor);
    }

    @Override
    public void resolve(String alertId, String actor) {
        command("resolve", alertId, actor);
    }

    /** The central answers with the alert's new state, which is what updates the queue. */
    private void command(String type, String alertId, String actor) {
        if (!link.connected()) LOG.warn("{} of alert {} by {}: broker not reachable; sent when it is back", type, alertId, actor);
        link.publish(topics.commands(), new WardMessages.Command(type, alertId, actor, station, null), MqttQos.AT_LEAST_ONCE, false, 0)
                .whenComplete((x, e) -> {
                    if (e != null) LOG.warn("{} of alert {} by {} not delivered: {}", type, alertId, actor, e.getMessage());
                });
    }

    // --- link ----------------------------------------------------------------------------------

    private synchronized void onConnected() {
        LOG.info("nurse station connected to the ward {}", topics.base());
        brokerLostAt = null;
        linkChanged();
        if (linkDown() != null) return; // the central's own Last Will still stands
        Instant fresh = clock.instant().minusSeconds(Defaults.WARD_BED_STALE_S);
        for (Map.Entry<String, Bed> e : beds.entrySet()) {
            Bed b = e.getValue();
            WardMessages.EdgePresence edge = b.report == null ? null : edges.get(b.report.edge());
            if (edge != null && !edge.online()) continue;
            if (b.report != null && b.report.at() != null && b.report.at().isAfter(fresh)) {
                showReport(e.getKey(), b); // its retained state came with the re-subscription
            } else {
                // Until its retained state arrives, it is re-syncing, not calm (the watchdog makes it offline if none comes).
                b.reportNanos = System.nanoTime();
                show(e.getKey(), b, SourceState.RECONNECTING, "re-syncing with the central station");
            }
        }
    }

    private synchronized void onDisconnected(Throwable cause) {
        if (brokerLostAt == null) brokerLostAt = clock.instant();
        linkChanged();
        allOffline();
    }

    private void linkChanged() {
        String down = linkDown();
        linkProblem.accept(down == null ? null : down + " (" + topics.base() + " on " + broker + ")");
    }

    /** Why no bed can be trusted now, or null. */
    private String linkDown() {
        Instant at = brokerLostAt != null ? brokerLostAt : centralOfflineAt;
        return at == null ? null : "central station unreachable since " + HMS.format(at.atZone(zone));
    }

    private void allOffline() {
        String why = linkDown();
        if (why == null) return;
        for (Map.Entry<String, Bed> e : beds.entrySet()) offline(e.getKey(), e.getValue(), why);
    }

    private void offline(String bed, Bed b, String why) {
        if (b.shown == SourceState.OFFLINE && why.equals(b.shownDetail)) return;
        show(bed, b, SourceState.OFFLINE, why);
        WardMessages.BedReport r = b.report;
        double t = r == null ? 0 : r.t();
        if (listener != null) {
            listener.onStatus(new BedStatus(bed, t, BedState.CAMERA_OFFLINE, Assessability.CAMERA_OFFLINE, Map.of(), 0, t, null, 0));
        }
    }

    private void show(String bed, Bed b, SourceState s, String detail) {
        if (s == b.shown && detail.equals(b.shownDetail)) return;
        b.shown = s;
        b.shownDetail = detail;
        if (listener != null) listener.onSourceState(bed, s, detail);
    }

    private Bed bed(String name) {
        return beds.computeIfAbsent(name, n -> {
            Bed b = new Bed();
            b.reportNanos = System.nanoTime();
            return b;
        });
    }

    // --- in ------------------------------------------------------------------------------------

    private synchronized void onMessage(Mqtt5Publish p) {
        String topic = p.getTopic().toString();
        byte[] payload = p.getPayloadAsBytes();
        if (payload.length == 0) return; // a cleared retained message
        if (topic.equals(topics.centralPresence())) {
            onCentral(WardCodec.decode(topic, payload, WardMessages.CentralPresence.class));
        } else if (topic.startsWith(topics.base() + "/bed/")) {
            onBed(WardCodec.decode(topic, payload, WardMessages.BedReport.class));
        } else if (topic.startsWith(topics.base() + "/alert/")) {
            onAlertState(WardCodec.decode(topic, payload, WardMessages.AlertState.class));
        } else if (topic.endsWith("/presence") && topics.edgeOf(topic) != null) {
            onEdge(WardCodec.decode(topic, payload, WardMessages.EdgePresence.class));
        }
    }

    private void onCentral(WardMessages.CentralPresence c) {
        if (WardMessages.ONLINE.equals(c.state())) {
            if (centralOfflineAt != null) LOG.info("central station of {} is back", topics.base());
            centralOfflineAt = null;
            linkChanged();
        } else if (centralOfflineAt == null) {
            centralOfflineAt = c.at() != null ? c.at() : clock.instant();
            LOG.warn("central station of {} is offline: acknowledgements and edge-offline alerts cannot work", topics.base());
            linkChanged();
            allOffline();
        }
    }

    private void onEdge(WardMessages.EdgePresence p) {
        edges.put(p.edge(), p);
        for (String name : p.beds()) {
            rooms.accept(name, p.edge());
            Bed b = bed(name);
            if (linkDown() != null) {
                offline(name, b, linkDown());
            } else if (!p.online()) {
                offline(name, b, "edge box " + p.edge() + " offline since " + HMS.format((p.at() != null ? p.at() : clock.instant()).atZone(zone)));
            } else if (b.report == null) {
                show(name, b, SourceState.CONNECTING, "waiting for edge box " + p.edge());
            }
        }
    }

    private void onBed(WardMessages.BedReport r) {
        Bed b = bed(r.bed());
        WardMessages.BedReport before = b.report;
        if (before == null || !java.util.Objects.equals(before.state(), r.state()) || r.t() < before.t()) b.stateSince = r.t();
        b.report = r;
        b.reportNanos = System.nanoTime();
        String down = linkDown();
        if (down != null) {
            offline(r.bed(), b, down);
            return;
        }
        WardMessages.EdgePresence edge = edges.get(r.edge());
        if (edge != null && !edge.online()) return; // a late retained state of an edge the central reports offline
        showReport(r.bed(), b);
    }

    private void showReport(String name, Bed b) {
        WardMessages.BedReport r = b.report;
        BedState state;
        Assessability a;
        try {
            state = BedState.fromWire(r.state());
            a = Assessability.fromWire(r.assessability());
        } catch (IllegalArgumentException e) {
            LOG.warn("bed {} of edge {}: {}", name, r.edge(), e.getMessage());
            return;
        }
        show(name, b, SourceState.RUNNING, "edge box " + r.edge());
        // Scores and states travel, never video: the tile has no picture, the detail bars and chart do have the scores.
        if (listener != null) listener.onStatus(new BedStatus(name, r.t(), state, a, r.emotions(), r.confidence(), b.stateSince, null, 0));
    }

    private void onAlertState(WardMessages.AlertState s) {
        WardMessages.AlertState before = alerts.get(s.alertId());
        AlertTransition now;
        try {
            now = AlertTransition.valueOf(s.state());
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warn("alert {}: unknown state '{}'", s.alertId(), s.state());
            return;
        }
        if (now == AlertTransition.RESOLVED) {
            alerts.remove(s.alertId());
            if (before != null) emit(s, AlertTransition.RESOLVED, s.resolvedAt(), s.resolvedBy());
            return;
        }
        if (before != null && before.state().equals(s.state()) && before.escalationLevel() == s.escalationLevel()
                && java.util.Objects.equals(before.raisedAt(), s.raisedAt())) {
            return; // the same state again (re-sync after a reconnect)
        }
        alerts.put(s.alertId(), s);
        bed(s.bed());
        if (now == AlertTransition.ACKNOWLEDGED) {
            if (before == null) emit(s, AlertTransition.RAISED, s.raisedAt(), AlertManager.SYSTEM);
            emit(s, AlertTransition.ACKNOWLEDGED, s.ackedAt(), s.ackedBy());
        } else {
            emit(s, now, s.raisedAt(), AlertManager.SYSTEM);
        }
    }

    private void emit(WardMessages.AlertState s, AlertTransition tr, Instant at, String actor) {
        if (listener == null) return;
        AlertKind kind;
        AlertPriority priority;
        try {
            kind = AlertKind.fromWire(s.kind());
            priority = AlertPriority.valueOf(s.priority());
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warn("alert {}: {}", s.alertId(), e.getMessage());
            return;
        }
        listener.onAlert(new AlertEvent(s.alertId(), s.bed(), kind, priority, tr, s.raisedT(), at != null ? at : clock.instant(),
                Map.of(), s.ruleId(), s.message(), actor != null ? actor : AlertManager.SYSTEM));
    }

    /** A bed whose edge fell silent (no state for a while, before or without its Last Will) is offline, not its last state. */
    private synchronized void checkStale() {
        try {
            String down = linkDown();
            if (down != null) {
                allOffline();
                return;
            }
            long now = System.nanoTime();
            for (Map.Entry<String, Bed> e : new ArrayList<>(beds.entrySet())) {
                Bed b = e.getValue();
                if (b.shown == SourceState.OFFLINE) continue;
                if (now - b.reportNanos > TimeUnit.SECONDS.toNanos(Defaults.WARD_BED_STALE_S)) {
                    Instant last = b.report != null ? b.report.at() : null;
                    offline(e.getKey(), b, last == null ? "no state from its edge box"
                            : "no state from edge box " + b.report.edge() + " since " + HMS.format(last.atZone(zone)));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("ward watchdog: {}", e.toString());
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        link.close();
    }
}
