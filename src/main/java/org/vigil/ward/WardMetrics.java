package org.vigil.ward;

import java.sql.SQLException;
import org.vigil.metrics.VigilMetrics;

/** The ward's own series on /metrics: broker connection and outbox depth (edge); edges and beds known (central). */
public final class WardMetrics {
    private WardMetrics() {}

    public static void edge(VigilMetrics m, EdgeNode node) {
        m.gauge("vigil.ward.broker.connected", "1 while this box is connected to the MQTT broker", () -> node.connected() ? 1 : 0,
                "role", "edge", "edge", node.edge());
        m.gauge("vigil.ward.outbox.depth", "Alert messages not yet confirmed by the central station (kept on disk)", () -> {
            try {
                return node.outbox().depth();
            } catch (SQLException e) {
                return Double.NaN; // the outbox file is unreadable: report nothing rather than a wrong count
            }
        }, "edge", node.edge());
    }

    public static void central(VigilMetrics m, CentralStation central) {
        m.gauge("vigil.ward.broker.connected", "1 while the central station is connected to the MQTT broker",
                () -> central.connected() ? 1 : 0, "role", "central");
        m.gauge("vigil.ward.edges", "Edge boxes the central station knows, by presence", () -> central.edges().values().stream()
                .filter(p -> !WardMessages.OFFLINE.equals(p.state())).count(), "presence", "online");
        m.gauge("vigil.ward.edges", "Edge boxes the central station knows, by presence", () -> central.edges().values().stream()
                .filter(p -> WardMessages.OFFLINE.equals(p.state())).count(), "presence", "offline");
        m.gauge("vigil.ward.beds", "Beds the central station has a retained state for", () -> central.beds().size());
    }
}
