package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vigil.ui.UiTestSupport.closeAndWait;
import static org.vigil.ui.UiTestSupport.requireDisplay;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.metrics.MetricsAddress;
import org.vigil.metrics.Scrape;
import org.vigil.testing.SharedFiles;

/** ./run.sh --metrics: the dashboard's pipeline is measured like the monitor's; the endpoint closes with the window. */
class DashboardMetricsTest {
    @TempDir
    Path dir;
    private Dashboard dash;

    @AfterEach
    void close() throws Exception {
        if (dash != null) closeAndWait(dash);
    }

    @Test
    @Timeout(240)
    void theDashboardsPipelineIsScrapedWhileItsWindowIsOpen() throws Exception {
        requireDisplay();
        Path clip = SharedFiles.require("data/videos/pyfeat_single_face.mp4");
        Path config = Files.createDirectories(dir.resolve("alerts-config"));
        Files.writeString(config.resolve("rules.yaml"), "version: 1\nrules:\n  - {id: distress, emotions: [angry, sad], start: 0.5, end: 0.4, persist: 3s}\n");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        dash = DashboardApp.openMonitoring(new DashboardApp.Options(List.of(clip.toString()), List.of(), null, null, config,
                false, null, false, "none", true, new MetricsAddress("127.0.0.1", port)));
        URI url = URI.create("http://127.0.0.1:" + port + "/metrics");
        Scrape s = Scrape.get(url);
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline
                && !(s.value("vigil_frames_total", "bed", "bed-1") > 0 && s.value("vigil_inference_seconds_count") > 0)) {
            Thread.sleep(250);
            s = Scrape.get(url);
        }
        assertThat(s.value("vigil_frames_total", "bed", "bed-1")).as("frames of the dashboard's bed").isPositive();
        assertThat(s.value("vigil_inference_seconds_count")).isPositive();
        assertThat(s.value("vigil_source_state", "bed", "bed-1", "state", "running")).isEqualTo(1);
        assertThat(s.value("vigil_alerts_open", "kind", "distress")).isZero();
        closeAndWait(dash);
        dash = null;
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 2000))
                .isInstanceOf(ConnectException.class);
    }
}
