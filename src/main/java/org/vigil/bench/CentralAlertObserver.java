package org.vigil.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.vigil.ward.WardCodec;
import org.vigil.ward.WardMessages;
import org.vigil.ward.WardTopics;

/**
 * Takes each distress alert's state back from the central station, as a nurse station would, and notes when it
 * arrived. Latency: the edge's raise time (carried in the state) to the state arriving here, so edge -> broker ->
 * central (stored) -> broker -> here: one hop more than "at the central".
 */
final class CentralAlertObserver implements AutoCloseable {
    /** The first RAISED state of an alert, and when it arrived here (wall clock ms). */
    record Arrival(String alertId, String bed, Instant raisedAt, long arrivedMs) {
        double latencyMs() {
            return arrivedMs - raisedAt.toEpochMilli();
        }
    }

    private final Mqtt5AsyncClient client;
    private final Map<String, Arrival> arrivals = new ConcurrentHashMap<>();

    private CentralAlertObserver(Mqtt5AsyncClient client) {
        this.client = client;
    }

    static CentralAlertObserver connect(int port, WardTopics topics) throws Exception {
        Mqtt5AsyncClient c = MqttClient.builder().useMqttVersion5().identifier("bench-observer-" + ProcessHandle.current().pid())
                .serverHost("127.0.0.1").serverPort(port).buildAsync();
        CentralAlertObserver o = new CentralAlertObserver(c);
        c.publishes(MqttGlobalPublishFilter.ALL, p -> {
            long now = System.currentTimeMillis();
            WardMessages.AlertState s = WardCodec.decode(p.getTopic().toString(), p.getPayloadAsBytes(), WardMessages.AlertState.class);
            if ("RAISED".equals(s.state()) && "distress".equals(s.kind())) {
                o.arrivals.putIfAbsent(s.alertId(), new Arrival(s.alertId(), s.bed(), s.raisedAt(), now));
            }
        });
        c.connectWith().cleanStart(true).send().get(30, TimeUnit.SECONDS);
        c.subscribeWith().topicFilter(topics.allAlertStates()).qos(MqttQos.AT_LEAST_ONCE).send().get(30, TimeUnit.SECONDS);
        return o;
    }

    /** Alerts raised at the edges in [from, to) that came back, latency ascending. */
    List<Arrival> raisedBetween(Instant from, Instant to) {
        return arrivals.values().stream().filter(a -> !a.raisedAt().isBefore(from) && a.raisedAt().isBefore(to))
                .sorted((a, b) -> Double.compare(a.latencyMs(), b.latencyMs())).toList();
    }

    @Override
    public void close() {
        client.disconnect();
    }
}
