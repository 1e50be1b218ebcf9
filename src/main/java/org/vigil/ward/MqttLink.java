package org.vigil.ward;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.base.Defaults;

/**
 * One MQTT 5 connection as every ward role uses it: persistent session (cleanStart=false, so QoS 1
 * messages wait at the broker while the client is away), automatic reconnect, an optional retained
 * Last Will, and the subscriptions made again on every connect (a restarted broker forgot them).
 * Incoming messages go to one handler on the client's thread.
 */
public final class MqttLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttLink.class);

    /** A retained Last Will. */
    public record Will(String topic, byte[] payload) {}

    private final String id;
    private final BrokerAddress broker;
    private final Mqtt5AsyncClient client;
    private final int keepAliveS;
    private final List<String> subscriptions;
    private final Runnable onConnected;
    private final Consumer<Throwable> onDisconnected;
    private volatile boolean closed;
    private final Object lifecycle = new Object();

    /**
     * @param subscriptions topic filters (QoS 1), subscribed again after each connect
     * @param onConnected   runs after each (re)connect and re-subscription: publish presence, re-sync
     */
    public MqttLink(String id, BrokerAddress broker, int keepAliveS, Will will, List<String> subscriptions,
                    Consumer<Mqtt5Publish> handler, Runnable onConnected) {
        this(id, broker, keepAliveS, will, subscriptions, handler, onConnected, null);
    }

    /**
     * @param onDisconnected runs on every lost connection (not after {@link #close}), with the cause:
     *                       a dashboard must show a lost broker at once, not when the next message is missed
     */
    public MqttLink(String id, BrokerAddress broker, int keepAliveS, Will will, List<String> subscriptions,
                    Consumer<Mqtt5Publish> handler, Runnable onConnected, Consumer<Throwable> onDisconnected) {
        this.id = id;
        this.onDisconnected = onDisconnected;
        this.broker = broker;
        this.keepAliveS = keepAliveS;
        this.subscriptions = List.copyOf(subscriptions);
        this.onConnected = onConnected;
        Mqtt5ClientBuilder b = MqttClient.builder().useMqttVersion5().identifier(id)
                .serverHost(broker.host()).serverPort(broker.port())
                .automaticReconnect().initialDelay(200, TimeUnit.MILLISECONDS).maxDelay(2, TimeUnit.SECONDS).applyAutomaticReconnect()
                .addConnectedListener(c -> onConnect())
                .addDisconnectedListener(c -> {
                    if (closed) return;
                    log.warn("{}: lost the broker {}: {}", id, broker, c.getCause().getMessage());
                    if (this.onDisconnected != null) {
                        try {
                            this.onDisconnected.accept(c.getCause());
                        } catch (RuntimeException e) {
                            log.warn("{}: after disconnect: {}", id, e.toString());
                        }
                    }
                });
        if (broker.tls()) {
            if (broker.trustedCerts() == null) {
                b = b.sslWithDefaultConfig();
            } else {
                var ssl = b.sslConfig().trustManagerFactory(TrustedCerts.load(broker.trustedCerts()));
                // the central's own link to its embedded broker: certificate pinned, no network between, so the
                // name check adds nothing (and the admins' certificate need not name 127.0.0.1)
                if (isLoopback(broker.host())) ssl = ssl.hostnameVerifier((host, session) -> true);
                b = ssl.applySslConfig();
            }
        }
        if (broker.user() != null) {
            String password = broker.password();
            var auth = b.simpleAuth().username(broker.user());
            b = (password == null ? auth : auth.password(password.getBytes(java.nio.charset.StandardCharsets.UTF_8))).applySimpleAuth();
        }
        if (will != null) {
            b = b.willPublish().topic(will.topic()).payload(will.payload()).qos(MqttQos.AT_LEAST_ONCE).retain(true).applyWillPublish();
        }
        client = b.buildAsync();
        // Registered before connecting: a resumed session may deliver queued messages at once.
        client.publishes(MqttGlobalPublishFilter.ALL, p -> {
            try {
                handler.accept(p);
            } catch (RuntimeException e) {
                log.warn("{}: message on {} not handled: {}", id, p.getTopic(), e.getMessage());
            }
        });
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1");
    }

    /** Connects (and keeps reconnecting in the background when the broker is not there yet). */
    public MqttLink connect() {
        client.connectWith().cleanStart(false).sessionExpiryInterval(Defaults.WARD_SESSION_EXPIRY_S).keepAlive(keepAliveS).send()
                .whenComplete((ack, e) -> {
                    if (e != null) log.warn("{}: broker {} not reachable yet ({}); retrying", id, broker, e.getMessage());
                });
        return this;
    }

    private void onConnect() {
        log.info("{}: connected to {}", id, broker);
        CompletableFuture<?> all = CompletableFuture.completedFuture(null);
        for (String f : subscriptions) {
            all = all.thenCompose(x -> client.subscribeWith().topicFilter(f).qos(MqttQos.AT_LEAST_ONCE).send());
        }
        all.whenComplete((x, e) -> {
            if (e != null) log.warn("{}: cannot subscribe: {}", id, e.getMessage());
            else if (onConnected != null) {
                // Under the lifecycle lock: a close() after this point publishes its last word after ours, and
                // after a close() we say nothing (an "online" sent after the "offline" goodbye would stay retained).
                synchronized (lifecycle) {
                    if (closed) return;
                    try {
                        onConnected.run();
                    } catch (RuntimeException ex) {
                        log.warn("{}: after connect: {}", id, ex.toString());
                    }
                }
            }
        });
    }

    public boolean connected() {
        return client.getState().isConnected();
    }

    public String id() {
        return id;
    }

    /** Publishes; the future completes when the broker has it (PUBACK for QoS 1). */
    public CompletableFuture<?> publish(String topic, byte[] payload, MqttQos qos, boolean retain, long expiryS) {
        var p = client.publishWith().topic(topic).payload(payload).qos(qos).retain(retain);
        if (expiryS > 0) p = p.messageExpiryInterval(expiryS);
        return p.send();
    }

    public CompletableFuture<?> publish(String topic, Object message, MqttQos qos, boolean retain, long expiryS) {
        return publish(topic, WardCodec.encode(message), qos, retain, expiryS);
    }

    /** A clean goodbye (no Last Will) after publishing {@code last} retained, if given. */
    public void close(String lastTopic, byte[] last) {
        synchronized (lifecycle) {
            if (closed) return;
            closed = true; // from now on no (re)connect callback publishes anything
        }
        try {
            if (lastTopic != null && connected()) {
                client.publishWith().topic(lastTopic).payload(last).qos(MqttQos.AT_LEAST_ONCE).retain(true).send()
                        .get(2, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            log.debug("{}: last message not sent: {}", id, e.toString());
        }
        try {
            client.disconnect().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("{}: disconnect: {}", id, e.toString());
        }
    }

    @Override
    public void close() {
        close(null, null);
    }
}
