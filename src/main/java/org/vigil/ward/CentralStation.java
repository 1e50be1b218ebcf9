package org.vigil.ward;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.alerts.Alert;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertTransition;
import org.vigil.base.Defaults;
import org.vigil.rules.ConfigException;
import org.vigil.rules.ConfigLoader;
import org.vigil.rules.ConfigStatus;
import org.vigil.rules.ConfigWatcher;

/**
 * The ward's alert manager (IHE ACM: the edges report, this manages). Stores every edge's alert
 * transitions in the durable alert store with their original ids and times (a duplicate delivery
 * is dropped by alert id, transition and time, and answered with a receipt all the same), owns
 * what people do (acknowledge, resolve: {@code central/cmd}), publishes each alert's state back
 * retained, raises an "edge offline" technical alert for the beds of an edge whose Last Will
 * arrives, and distributes the alerts-config that its {@link ConfigWatcher} accepted (a rejected
 * edit is logged with file:line:column and never sent). It escalates the alerts no edge can
 * ({@link CentralEscalation}: those of beds whose edge is offline, and its own edge-offline alerts).
 *
 * <p>Threads: MQTT callbacks (the client's thread), the config watcher's and the escalation ticker's;
 * the alert manager is thread-safe.
 */
public final class CentralStation implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CentralStation.class);
    /** Rule id of the "edge offline" technical alerts. */
    public static final String LINK_RULE = "ward-link";
    private final WardTopics topics;
    private final AlertManager alerts;
    private final ConfigWatcher config;
    private final Clock clock;
    private final MqttLink link;
    private final Consumer<AlertEvent> alertListener = this::onAlertEvent;
    private final Map<String, WardMessages.EdgePresence> edges = new ConcurrentHashMap<>();
    private final Map<String, WardMessages.BedReport> beds = new ConcurrentHashMap<>();
    /** Last published snapshot per open alert: a resolved alert is gone from the manager but its state is published once more. */
    private final Map<String, Alert> snapshots = new ConcurrentHashMap<>();
    private volatile WardMessages.ConfigBundle bundle;
    /** Escalates what no edge can: alerts of unwatched beds and the central's own edge-offline alerts; null without a config. */
    private volatile CentralEscalation escalation;
    private volatile Duration claimGrace = Duration.ofSeconds(Defaults.WARD_CLAIM_GRACE_S);
    private volatile boolean closed;

    /** @param config the watcher of the ward's alerts-config folder (its accepted versions are distributed); null: none */
    public CentralStation(WardTopics topics, BrokerAddress broker, String id, AlertManager alerts, ConfigWatcher config, Clock clock) {
        this.topics = topics;
        this.alerts = alerts;
        this.config = config;
        this.clock = clock;
        byte[] will = WardCodec.encode(new WardMessages.CentralPresence(WardMessages.OFFLINE, null));
        link = new MqttLink(id, broker, Defaults.WARD_KEEP_ALIVE_S, new MqttLink.Will(topics.centralPresence(), will),
                List.of(topics.allPresence(), topics.allAlerts(), topics.allBeds(), topics.commands()), this::onMessage, this::onConnected);
    }

    public CentralStation start() {
        alerts.subscribe(alertListener);
        if (config != null) {
            bundle = validatedBundle(config.folder()).orElse(null);
            config.subscribe(this::onConfigStatus);
            escalation = new CentralEscalation(alerts, () -> config.status().current(), this::edges, clock);
        }
        link.connect();
        return this;
    }

    public boolean connected() {
        return link.connected();
    }

    /** Edges as their latest presence says. */
    public Map<String, WardMessages.EdgePresence> edges() {
        return Map.copyOf(edges);
    }

    /** Beds as their edges last reported them. */
    public Map<String, WardMessages.BedReport> beds() {
        return Map.copyOf(beds);
    }

    /** The config version being distributed, or null. */
    public String configVersion() {
        WardMessages.ConfigBundle b = bundle;
        return b == null ? null : b.version();
    }

    private void onConnected() {
        link.publish(topics.centralPresence(), new WardMessages.CentralPresence(WardMessages.ONLINE, clock.instant()),
                MqttQos.AT_LEAST_ONCE, true, 0);
        // Re-sync: a restarted broker has no retained state; edges and dashboards read it from here.
        for (Alert a : alerts.openAlerts()) publishState(a);
        WardMessages.ConfigBundle b = bundle;
        if (b != null) link.publish(topics.config(), b, MqttQos.AT_LEAST_ONCE, true, 0);
        // Only once connected: the retained presences of online edges arrive first, so their beds are not taken for unwatched.
        if (escalation != null) escalation.start(Duration.ofMillis((long) (Defaults.WARD_ESCALATION_TICK_S * 1000)));
        java.util.concurrent.CompletableFuture.delayedExecutor(claimGrace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .execute(this::raiseForUnclaimedBeds);
    }

    /** How long after connecting every bed with an open alert must have an online edge again (tests shorten it). */
    CentralStation claimGrace(Duration grace) {
        claimGrace = grace;
        return this;
    }

    /**
     * Beds with open alerts that no online edge has claimed since the central connected: their edge died
     * while the central was down, and with an embedded broker its Last Will died too. Without this they
     * would wait for an edge that is not coming, unwatched and unescalated.
     */
    private void raiseForUnclaimedBeds() {
        if (closed) return;
        java.util.Set<String> watched = new java.util.HashSet<>();
        for (WardMessages.EdgePresence p : edges.values()) if (p.online()) watched.addAll(p.beds());
        java.util.Set<String> unclaimed = new java.util.TreeSet<>();
        for (Alert a : alerts.openAlerts()) {
            if (a.kind() != AlertKind.EDGE_OFFLINE && !watched.contains(a.bed())) unclaimed.add(a.bed());
        }
        for (String bed : unclaimed) {
            log.warn("bed {} has open alerts but no edge box has reported it in the {} s since the central connected", bed,
                    claimGrace.toSeconds());
            alerts.raise(bed, AlertKind.EDGE_OFFLINE, LINK_RULE, AlertPriority.HIGH, bedT(bed), Map.of(),
                    "no edge box has reported this bed since the central station started: it is not watched", false);
        }
    }

    // --- config --------------------------------------------------------------------------------

    private void onConfigStatus(ConfigStatus st) {
        if (!st.ok()) {
            log.error("alerts config in {} NOT distributed to the edges (they keep {}): {} error(s), first {}", config.folder(),
                    configVersion(), st.errors().size(), st.errors().get(0));
            return;
        }
        validatedBundle(config.folder()).ifPresent(b -> {
            bundle = b;
            log.info("alerts config {} distributed to the edges", b.version());
            link.publish(topics.config(), b, MqttQos.AT_LEAST_ONCE, true, 0);
        });
    }

    /** The folder's rule files, checked once more as read (an edit between check and read must not slip through). */
    private Optional<WardMessages.ConfigBundle> validatedBundle(Path dir) {
        try {
            Map<String, String> files = ConfigFiles.read(dir);
            ConfigLoader.parse(files);
            return Optional.of(new WardMessages.ConfigBundle(ConfigFiles.version(files), files, clock.instant()));
        } catch (ConfigException e) {
            log.error("alerts config in {} not distributed: {}", dir, e.errors().get(0));
        } catch (Exception e) {
            log.error("alerts config in {} not readable: {}", dir, e.getMessage());
        }
        return Optional.empty();
    }

    // --- in ------------------------------------------------------------------------------------

    private void onMessage(Mqtt5Publish p) {
        String topic = p.getTopic().toString();
        byte[] payload = p.getPayloadAsBytes();
        if (payload.length == 0) return;
        if (topic.endsWith("/alert") && topics.edgeOf(topic) != null) {
            onAlertReport(topics.edgeOf(topic), WardCodec.decode(topic, payload, WardMessages.AlertReport.class));
        } else if (topic.endsWith("/presence") && topics.edgeOf(topic) != null) {
            onPresence(WardCodec.decode(topic, payload, WardMessages.EdgePresence.class));
        } else if (topic.startsWith(topics.base() + "/bed/")) {
            WardMessages.BedReport r = WardCodec.decode(topic, payload, WardMessages.BedReport.class);
            beds.put(r.bed(), r);
        } else if (topic.equals(topics.commands())) {
            String login = p.getUserProperties().asList().stream().filter(u -> u.getName().toString().equals(WardAccess.LOGIN_PROPERTY))
                    .map(u -> u.getValue().toString()).findFirst().orElse(null);
            onCommand(WardCodec.decode(topic, payload, WardMessages.Command.class), login);
        }
    }

    private void onAlertReport(String edge, WardMessages.AlertReport r) {
        if (!edge.equals(r.edge())) {
            log.warn("alert message on edge {}'s topic claims edge {}: dropped", edge, r.edge());
            return;
        }
        AlertEvent ev = new AlertEvent(r.alertId(), r.bed(), AlertKind.fromWire(r.kind()), AlertPriority.valueOf(r.priority()),
                AlertTransition.valueOf(r.transition()), r.t(), r.at(), r.emotions(), r.ruleId(), r.message(), r.actor());
        boolean fresh = alerts.mirror(ev, r.latched(), r.escalationLevel(), r.recipient()).isPresent();
        if (!fresh) log.debug("alert message {} of edge {} ({} {}) already stored", r.seq(), edge, r.transition(), r.alertId());
        link.publish(topics.receipts(edge), new WardMessages.Receipt(r.seq(), r.alertId(), !fresh), MqttQos.AT_LEAST_ONCE, false,
                Defaults.WARD_ALERT_EXPIRY_S);
    }

    private void onPresence(WardMessages.EdgePresence p) {
        WardMessages.EdgePresence before = edges.put(p.edge(), p);
        if (!p.online()) {
            log.warn("edge {} is offline: its beds {} are not watched", p.edge(), p.beds());
            for (String bed : p.beds()) {
                alerts.raise(bed, AlertKind.EDGE_OFFLINE, LINK_RULE, AlertPriority.HIGH, bedT(bed), Map.of(),
                        "edge box " + p.edge() + " is offline: this bed is not watched", false);
            }
        } else {
            if (before == null || !before.online()) log.info("edge {} online with beds {}", p.edge(), p.beds());
            for (Alert a : alerts.openAlerts()) {
                if (a.kind() == AlertKind.EDGE_OFFLINE && p.beds().contains(a.bed())) {
                    alerts.conditionEnded(a.id(), bedT(a.bed()), "edge box " + p.edge() + " is back online");
                }
            }
            if (!p.configErrors().isEmpty()) {
                log.error("edge {} refused the distributed alerts config (it keeps {}): {}", p.edge(), p.configVersion(), p.configErrors());
            }
        }
    }

    private double bedT(String bed) {
        WardMessages.BedReport r = beds.get(bed);
        return r == null ? 0 : r.t();
    }

    /** @param login the broker log-in that sent it (embedded broker with ward users), else null */
    private void onCommand(WardMessages.Command c, String login) {
        if (c.user() == null || c.user().isBlank()) {
            log.warn("command {} for alert {} from {} refused: it names no user", c.type(), c.alertId(), login != null ? login : c.from());
            return;
        }
        String actor = c.user() + (c.from() == null || c.from().isBlank() ? "" : " at " + c.from())
                + (login == null || login.equals(c.from()) ? "" : " (log-in " + login + ")");
        try {
            switch (c.type() == null ? "" : c.type()) {
                case "ack" -> {
                    if (alerts.acknowledge(c.alertId(), actor).isEmpty()) log.info("ack of {} by {}: not open or already acknowledged", c.alertId(), actor);
                }
                case "resolve" -> {
                    if (alerts.resolve(c.alertId(), actor, c.reason()).isEmpty()) log.info("resolve of {} by {}: not open", c.alertId(), actor);
                }
                default -> log.warn("unknown command '{}' for alert {}", c.type(), c.alertId());
            }
        } catch (IllegalArgumentException e) {
            log.warn("command {} for alert {} refused: {}", c.type(), c.alertId(), e.getMessage());
        }
    }

    // --- out -----------------------------------------------------------------------------------

    private void onAlertEvent(AlertEvent ev) {
        Optional<Alert> now = alerts.get(ev.alertId());
        if (now.isPresent()) {
            publishState(now.get());
        } else if (ev.transition() == AlertTransition.RESOLVED) {
            Alert last = snapshots.remove(ev.alertId());
            if (last != null) {
                publishState(new Alert(last.id(), last.bed(), last.kind(), last.ruleId(), last.priority(), AlertTransition.RESOLVED,
                        last.raisedT(), last.raisedAt(), last.escalationLevel(), last.recipient(), last.latched(), false,
                        last.ackedBy(), last.ackedAt(), ev.actor(), ev.at(), last.message(), last.emotions()));
            }
        }
    }

    private void publishState(Alert a) {
        if (a.open()) snapshots.put(a.id(), a);
        WardMessages.AlertState s = new WardMessages.AlertState(a.id(), a.bed(), a.kind().wire(), a.ruleId(), a.priority().name(),
                a.state().name(), a.raisedT(), a.raisedAt(), a.escalationLevel(), a.recipient(), a.latched(), a.conditionActive(),
                a.ackedBy(), a.ackedAt(), a.resolvedBy(), a.resolvedAt(), a.message());
        // A resolved alert's retained state fades after an hour; open ones stay until they change.
        link.publish(topics.alertState(a.id()), s, MqttQos.AT_LEAST_ONCE, true, a.open() ? 0 : 3600);
    }

    @Override
    public void close() {
        closed = true;
        if (escalation != null) escalation.close();
        alerts.unsubscribe(alertListener);
        link.close(topics.centralPresence(), WardCodec.encode(new WardMessages.CentralPresence(WardMessages.OFFLINE, clock.instant())));
    }
}
