package org.vigil.ward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertPriority;
import org.vigil.alerts.AlertStore;
import org.vigil.alerts.AlertTransition;

/** The ward protocol's parts without a network: topics, JSON, broker addresses, the outbox, the central's de-duplication. */
class WardProtocolTest {
    static final Instant AT = Instant.parse("2026-12-01T10:00:00.123Z");

    @Test
    void topicsAreUnderSiteAndWardAndRejectWildcards() {
        WardTopics t = new WardTopics("st-mary", "ward-4");
        assertThat(t.alerts("room-12")).isEqualTo("vigil/st-mary/ward-4/edge/room-12/alert");
        assertThat(t.edgeOf(t.presence("room-12"))).isEqualTo("room-12");
        assertThat(t.bed("bed-3")).isEqualTo("vigil/st-mary/ward-4/bed/bed-3/state");
        assertThatThrownBy(() -> new WardTopics("a/b", "w")).hasMessageContaining("site name 'a/b'");
        assertThatThrownBy(() -> WardTopics.check("bed", "bed+1")).hasMessageContaining("bed name 'bed+1'");
    }

    @Test
    void messagesRoundTripAndBadPayloadsNameTheTopic() {
        var r = new WardMessages.AlertReport("room-1", 7, "id-1", "bed-1", "distress", "distress", "MEDIUM", "RAISED", 12.5, AT,
                "sad", "system", Map.of("sad", 0.9), false, 0, "ward");
        byte[] json = WardCodec.encode(r);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"at\":\"2026-12-01T10:00:00.123Z\"");
        assertThat(WardCodec.decode("x", json, WardMessages.AlertReport.class)).isEqualTo(r);
        assertThatThrownBy(() -> WardCodec.decode("vigil/s/w/edge/e/alert", "{oops".getBytes(), WardMessages.AlertReport.class))
                .hasMessageContaining("vigil/s/w/edge/e/alert").hasMessageContaining("AlertReport");
    }

    @Test
    void brokerAddresses() {
        assertThat(BrokerAddress.parse("tcp://10.0.0.5:1884")).isEqualTo(new BrokerAddress("10.0.0.5", 1884, false));
        assertThat(BrokerAddress.parse("mqtts://central.ward")).isEqualTo(new BrokerAddress("central.ward", 8883, true));
        assertThatThrownBy(() -> BrokerAddress.parse("http://x:1")).hasMessageContaining("http://x:1");
        assertThatThrownBy(() -> BrokerAddress.listen("1883")).hasMessageContaining("host:port");
        assertThat(BrokerAddress.parse("mqtts://room-12@central:8883").user()).isEqualTo("room-12");
        assertThatThrownBy(() -> BrokerAddress.parse("mqtts://room-12:secret@central:8883"))
                .hasMessageContaining(BrokerAddress.PASSWORD_ENV).hasMessageNotContaining("secret");
    }

    @Test
    void theOutboxKeepsUnconfirmedMessagesAcrossARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("outbox.db");
        try (EdgeOutbox o = new EdgeOutbox(file)) {
            var a = o.enqueue("id-1", "t", AT, seq -> ("m" + seq).getBytes());
            o.enqueue("id-2", "t", AT, seq -> ("m" + seq).getBytes());
            o.sent(a.seq(), AT);
            o.confirmed(a.seq(), AT);
        }
        try (EdgeOutbox o = new EdgeOutbox(file)) {
            assertThat(o.depth()).isEqualTo(1);
            var next = o.next(AT).orElseThrow();
            assertThat(next.alertId()).isEqualTo("id-2");
            assertThat(new String(next.payload())).isEqualTo("m" + next.seq());
            o.sent(next.seq(), AT);
            assertThat(o.next(AT)).as("sent, not yet due again").isEmpty();
            assertThat(o.next(AT.plusSeconds(1))).as("due again after the resend time").isPresent();
        }
    }

    @Test
    void theCentralStoresEachEdgeTransitionOnceEvenAfterARestart(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("central.db");
        Clock clock = Clock.fixed(AT.plusSeconds(60), ZoneOffset.UTC);
        AlertEvent raised = new AlertEvent("id-1", "bed-1", AlertKind.DISTRESS, AlertPriority.MEDIUM, AlertTransition.RAISED, 12.5, AT,
                Map.of("sad", 0.9), "distress", "sad", AlertManager.SYSTEM);
        AlertEvent resolved = new AlertEvent("id-1", "bed-1", AlertKind.DISTRESS, AlertPriority.MEDIUM, AlertTransition.RESOLVED, 30, AT.plusSeconds(18),
                Map.of(), "distress", "ended", AlertManager.SYSTEM);
        try (AlertManager m = new AlertManager(new AlertStore(db), clock)) {
            assertThat(m.mirror(raised, false, 0, "ward")).isPresent();
            assertThat(m.mirror(raised, false, 0, "ward")).as("a duplicate delivery").isEmpty();
            assertThat(m.openAlerts()).singleElement().satisfies(a -> {
                assertThat(a.raisedAt()).as("the edge's time, not the central's").isEqualTo(AT);
                assertThat(a.raisedT()).isEqualTo(12.5);
            });
        }
        try (AlertManager m = new AlertManager(new AlertStore(db), clock)) {
            assertThat(m.mirror(raised, false, 0, "ward")).as("a duplicate after the central's restart").isEmpty();
            assertThat(m.mirror(resolved, false, 0, "ward")).isPresent();
            assertThat(m.mirror(raised, false, 0, "ward")).as("a late duplicate of a resolved alert").isEmpty();
            assertThat(m.openAlerts()).isEmpty();
        }
        try (AlertStore s = new AlertStore(db)) {
            List<AlertEvent> ev = s.events(null, Instant.EPOCH, AT.plusSeconds(3600));
            assertThat(ev).extracting(AlertEvent::transition).containsExactly(AlertTransition.RAISED, AlertTransition.RESOLVED);
            assertThat(ev.get(0).at()).isEqualTo(AT);
        }
    }
}
