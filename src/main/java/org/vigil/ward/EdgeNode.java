package org.vigil.ward;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alerts.Alert;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertTransition;
import org.vigil.base.Defaults;
import org.vigil.pipeline.BedStatus;
import org.vigil.pipeline.PipelineListener;

/**
 * The ward side of an edge box. The box's own rules engine and alert manager decide (so a bedside
 * box still raises, continues and ends alerts when the network is down); this publishes what they
 * decided: every automatic transition through the durable {@link EdgeOutbox} (QoS 1, sent again until
 * the central station's receipt), each bed's state (retained), its presence (retained, Last Will
 * {@code offline}). It takes back acknowledgements and manual resolutions from the central station's
 * retained alert states, and distributed configs through {@link EdgeConfig}.
 *
 * <p>Threads: pipeline listeners call {@link #onStatus}; the alert manager's listeners enqueue;
 * {@code ward-edge-sender} owns sending; MQTT callbacks run on the client's threads.
 */
public final class EdgeNode implements PipelineListener, AutoCloseable {
    /** The MQTT client id of edge {@code edge} (its session at the broker; the broker lets only that edge's log-in use it). */
    public static String clientId(String edge) {
        return "edge-" + edge;
    }

    private static final Logger log = LoggerFactory.getLogger(EdgeNode.class);
    private final WardTopics topics;
    private final String edge;
    private final List<String> beds;
    private final AlertManager alerts;
    private final EdgeOutbox outbox;
    private final EdgeConfig config;
    private final Clock clock;
    private final int keepAliveS;
    private final MqttLink link;
    private final Consumer<AlertEvent> alertListener = this::onAlertEvent;
    private final Map<String, BedReportGate> lastBed = new ConcurrentHashMap<>();
    private final Object wake = new Object();
    private volatile boolean stopping;
    private Thread sender;

    private record BedReportGate(String state, long atMs) {}

    public EdgeNode(WardTopics topics, String edge, List<String> beds, BrokerAddress broker, int keepAliveS,
                    AlertManager alerts, EdgeOutbox outbox, EdgeConfig config, Clock clock) {
        this.topics = topics;
        this.edge = WardTopics.check("edge", edge);
        this.beds = List.copyOf(beds);
        for (String b : beds) WardTopics.check("bed", b);
        this.alerts = alerts;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.keepAliveS = keepAliveS;
        byte[] will = WardCodec.encode(presence(WardMessages.OFFLINE));
        link = new MqttLink(clientId(edge), broker, keepAliveS, new MqttLink.Will(topics.presence(edge), will),
                List.of(topics.receipts(edge), topics.config(), topics.allAlertStates()), this::onMessage, this::onConnected);
    }

    public EdgeNode start() {
        alerts.subscribe(alertListener);
        sender = new Thread(this::sendLoop, "ward-edge-sender");
        sender.setDaemon(true);
        sender.start();
        link.connect();
        return this;
    }

    public String edge() {
        return edge;
    }

    public boolean connected() {
        return link.connected();
    }

    public EdgeOutbox outbox() {
        return outbox;
    }

    private WardMessages.EdgePresence presence(String state) {
        return new WardMessages.EdgePresence(edge, state, beds, clock.instant(), keepAliveS, config.version(), config.lastErrors());
    }

    private void onConnected() {
        link.publish(topics.presence(edge), presence(WardMessages.ONLINE), MqttQos.AT_LEAST_ONCE, true, 0);
        try {
            outbox.resendAll(); // the central may have missed them while we were apart
        } catch (Exception e) {
            log.error("ward outbox {}: {}", outbox.where(), e.getMessage());
        }
        lastBed.clear(); // bed states again at once: a restarted broker lost the retained ones
        wakeSender();
    }

    // --- out: alerts -------------------------------------------------------------------------

    /** Automatic transitions of this box's beds; people's steps come from the central station and go no further. */
    private void onAlertEvent(AlertEvent ev) {
        if (!AlertManager.SYSTEM.equals(ev.actor()) || !beds.contains(ev.bed())) return;
        Optional<Alert> now = alerts.get(ev.alertId());
        boolean latched = now.map(Alert::latched).orElse(false);
        int level = now.map(Alert::escalationLevel).orElse(0);
        String recipient = now.map(Alert::recipient).orElse(AlertManager.DEFAULT_RECIPIENT);
        try {
            outbox.enqueue(ev.alertId(), topics.alerts(edge), clock.instant(), seq -> WardCodec.encode(new WardMessages.AlertReport(
                    edge, seq, ev.alertId(), ev.bed(), ev.kind().wire(), ev.ruleId(), ev.priority().name(), ev.transition().name(),
                    ev.t(), ev.at(), ev.message(), ev.actor(), ev.emotions(), latched, level, recipient)));
        } catch (Exception e) {
            log.error("alert {} {} could NOT be queued in {}: {}", ev.transition(), ev.alertId(), outbox.where(), e.getMessage());
        }
        wakeSender();
    }

    private void wakeSender() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** One message at a time, in order: publish, wait for the broker's PUBACK, then the next; unconfirmed ones again later. */
    private void sendLoop() {
        Duration resend = Duration.ofMillis((long) (Defaults.WARD_RESEND_S * 1000));
        while (!stopping) {
            Optional<EdgeOutbox.Entry> next = Optional.empty();
            try {
                if (link.connected()) next = outbox.next(clock.instant().minus(resend));
            } catch (Exception e) {
                log.error("ward outbox {} unreadable: {}", outbox.where(), e.getMessage());
            }
            if (next.isEmpty()) {
                synchronized (wake) {
                    try {
                        if (!stopping) wake.wait(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                continue;
            }
            EdgeOutbox.Entry e = next.get();
            try {
                link.publish(e.topic(), e.payload(), MqttQos.AT_LEAST_ONCE, false, Defaults.WARD_ALERT_EXPIRY_S).get(5, TimeUnit.SECONDS);
                outbox.sent(e.seq(), clock.instant());
            } catch (InterruptedException ex) {
                return;
            } catch (Exception ex) {
                log.warn("alert message {} (alert {}) not taken by the broker: {}; it stays queued", e.seq(), e.alertId(), ex.toString());
                pause(500);
            }
        }
    }

    private void pause(long ms) {
        synchronized (wake) {
            try {
                wake.wait(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // --- out: bed state ------------------------------------------------------------------------

    @Override
    public void onStatus(BedStatus s) {
        if (!link.connected()) return; // the retained state expires; a lost edge shows as offline, never calm
        long now = clock.millis();
        BedReportGate last = lastBed.get(s.bed());
        String state = s.state().wire();
        if (last != null && last.state.equals(state) && now - last.atMs < Defaults.WARD_BED_EVERY_S * 1000) return;
        lastBed.put(s.bed(), new BedReportGate(state, now));
        publishBed(new WardMessages.BedReport(edge, s.bed(), s.t(), state, s.assessability().wire(), s.distress(), s.confidence(),
                clock.instant(), WardMessages.BedReport.rounded(s.emotions())));
    }

    /** Publishes a bed's state (simulated edges call this directly). */
    public void publishBed(WardMessages.BedReport r) {
        link.publish(topics.bed(r.bed()), r, MqttQos.AT_MOST_ONCE, true, Defaults.WARD_BED_EXPIRY_S);
    }

    // --- in ------------------------------------------------------------------------------------

    private void onMessage(Mqtt5Publish p) {
        String topic = p.getTopic().toString();
        byte[] payload = p.getPayloadAsBytes();
        if (topic.equals(topics.receipts(edge))) {
            WardMessages.Receipt r = WardCodec.decode(topic, payload, WardMessages.Receipt.class);
            try {
                outbox.confirmed(r.seq(), clock.instant());
            } catch (Exception e) {
                log.error("ward outbox {}: cannot confirm {}: {}", outbox.where(), r.seq(), e.getMessage());
            }
        } else if (topic.equals(topics.config())) {
            if (payload.length == 0) return;
            WardMessages.ConfigBundle b = WardCodec.decode(topic, payload, WardMessages.ConfigBundle.class);
            String before = config.version();
            List<String> errors = config.offer(b);
            if (!errors.isEmpty() || !before.equals(config.version())) {
                link.publish(topics.presence(edge), presence(WardMessages.ONLINE), MqttQos.AT_LEAST_ONCE, true, 0);
            }
        } else if (topic.startsWith(topics.base() + "/alert/")) {
            if (payload.length == 0) return;
            onAlertState(WardCodec.decode(topic, payload, WardMessages.AlertState.class));
        }
    }

    /** A person acknowledged or resolved at the central station: this box's engine must know (no escalation, no re-raise yet). */
    private void onAlertState(WardMessages.AlertState s) {
        if (!beds.contains(s.bed())) return;
        Optional<Alert> local = alerts.get(s.alertId());
        if (local.isEmpty()) return;
        if (AlertTransition.ACKNOWLEDGED.name().equals(s.state()) && !local.get().acknowledged() && s.ackedBy() != null) {
            alerts.acknowledge(s.alertId(), s.ackedBy());
        } else if (AlertTransition.RESOLVED.name().equals(s.state()) && s.resolvedBy() != null
                && !AlertManager.SYSTEM.equals(s.resolvedBy())) {
            alerts.resolve(s.alertId(), s.resolvedBy(), "resolved at the central station by " + s.resolvedBy());
        }
    }

    /** A clean stop: presence "offline" (the central raises its technical alert: nobody watches these beds). */
    @Override
    public void close() {
        stopping = true;
        alerts.unsubscribe(alertListener);
        wakeSender();
        if (sender != null) {
            try {
                sender.join(6000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        link.close(topics.presence(edge), WardCodec.encode(presence(WardMessages.OFFLINE)));
    }

    /** For tests: the beds this box reports. */
    public Set<String> beds() {
        return Set.copyOf(beds);
    }
}
