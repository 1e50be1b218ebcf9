package org.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.app.Settings;
import org.vigil.app.Vigil;
import org.vigil.base.Defaults;
import org.vigil.capture.SourceSpec;
import org.vigil.pipeline.PipelineStats;
import org.vigil.testing.SharedFiles;

/**
 * The metrics endpoint on the real pipeline: the crying clip (its first 6 s, where a short distress
 * rule raises an alert at 4.6 s) analysed by the monitor's own assembly with metrics on an ephemeral
 * loopback port, scraped over a real HTTP connection; and nothing listening when metrics are not asked for.
 */
class MetricsEndpointTest {
    static final String SHORT_RULES = "version: 1\nrules:\n"
            + "  - {id: distress, emotions: [angry, sad], start: 0.5, end: 0.4, persist: 3s, clear_after: 2s, priority: medium}\n";

    static Settings crying(Path tmp, double seconds, MetricsAddress metrics) throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("rules.yaml"), SHORT_RULES);
        return Settings.builder()
                .sources(List.of(SourceSpec.parse("bed-1", SharedFiles.require(org.vigil.base.SharedData.CRYING_CLIP).toString())))
                .realtime(false)
                .stopAfterS(seconds)
                .rules(rules)
                .alertsDb(Defaults.NONE)
                .metrics(metrics)
                .build();
    }

    static PrintStream nowhere() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    @Test
    @Timeout(240)
    void theCryingClipShowsUpInTheScrapedMetrics(@TempDir Path tmp) throws Exception {
        URI url;
        PipelineStats stats;
        Scrape s;
        try (Vigil vigil = Vigil.assemble(crying(tmp, 6, new MetricsAddress("127.0.0.1", 0)), nowhere())) {
            url = vigil.metricsUrl().orElseThrow();
            assertThat(url.getHost()).isEqualTo("127.0.0.1");
            assertThat(url.getPort()).isPositive();
            assertThat(url.getPath()).isEqualTo("/metrics");
            vigil.start();
            assertThat(vigil.pipeline().awaitSources(3, TimeUnit.MINUTES)).as("clip analysed in time").isTrue();
            stats = vigil.pipeline().stats();
            s = Scrape.get(url);

            assertThat(s.status()).isEqualTo(200);
            assertThat(s.contentType()).startsWith("text/plain");
            // per bed: the counters agree with the pipeline's own figures
            long frames = stats.bed("bed-1").frames.sum();
            assertThat(frames).isGreaterThan(100);
            assertThat(s.value("vigil_frames_total", "bed", "bed-1")).isEqualTo(frames);
            assertThat(s.value("vigil_faces_total", "bed", "bed-1")).isEqualTo(stats.bed("bed-1").faces.sum());
            assertThat(s.value("vigil_frames_dropped_total", "bed", "bed-1")).isZero(); // --fast: every frame is read
            assertThat(s.value("vigil_bed_fps", "bed", "bed-1")).isGreaterThan(0);
            assertThat(s.value("vigil_frame_processing_seconds_count", "bed", "bed-1")).isEqualTo(frames);
            assertThat(s.value("vigil_source_state", "bed", "bed-1", "state", "running")).isEqualTo(1);
            assertThat(s.value("vigil_source_state", "bed", "bed-1", "state", "offline")).isZero();
            // inference: one timing per model call, the histogram's buckets add up
            double calls = s.value("vigil_inference_seconds_count");
            assertThat(calls).isPositive();
            assertThat(s.value("vigil_inference_seconds_sum")).isPositive();
            assertThat(s.value("vigil_inference_seconds_bucket", "le", "+Inf")).isEqualTo(calls);
            assertThat(s.value("vigil_inference_seconds_bucket", "le", "0.001")).isLessThanOrEqualTo(calls);
            assertThat(s.value("vigil_inference_batch_faces_sum")).isEqualTo(stats.totalClassified());
            assertThat(s.value("vigil_inference_failures_total")).isZero();
            // decisions: one latency per classification tick
            assertThat(s.value("vigil_decision_latency_seconds_count", "bed", "bed-1")).isEqualTo(stats.latencySamples());
            // the distress alert: counted by kind and priority, its frame-to-alert latency recorded
            long alerts = stats.bed("bed-1").alerts.sum();
            assertThat(alerts).as("the short rule raises on the crying clip").isGreaterThanOrEqualTo(1);
            assertThat(s.value("vigil_alerts_raised_total", "kind", "distress", "priority", "medium")).isEqualTo(alerts);
            assertThat(s.value("vigil_alerts_raised_total", "kind", "distress", "priority", "high")).isZero();
            assertThat(s.value("vigil_alert_transitions_total", "kind", "distress", "transition", "raised")).isEqualTo(alerts);
            assertThat(s.value("vigil_alerts_open", "kind", "distress")).isEqualTo(1);
            assertThat(s.value("vigil_frame_to_alert_seconds_count", "bed", "bed-1", "kind", "distress"))
                    .as(s.show("vigil_frame_to_alert_seconds_count")).isEqualTo(alerts);
            double toAlert = s.value("vigil_frame_to_alert_seconds_sum", "bed", "bed-1", "kind", "distress");
            assertThat(toAlert).isPositive().isLessThan(60);
            // JVM and process
            double heap = s.sum("jvm_memory_used_bytes", "area", "heap");
            assertThat(heap).isPositive();
            assertThat(s.has("jvm_gc_pause_seconds_count") || s.has("jvm_gc_memory_allocated_bytes_total")).isTrue();
            assertThat(s.value("jvm_threads_live_threads")).isPositive();
            assertThat(s.has("process_cpu_usage")).isTrue();
            assertThat(s.value("process_files_open_files")).isPositive();
            assertThat(s.value("process_resident_memory_bytes")).isGreaterThan(heap);
            assertThat(s.value("process_uptime_seconds")).isPositive();

            // the endpoint serves /metrics only, by GET
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(url.resolve("/other")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(404);
            assertThat(http.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);
        }
        // closed with the monitor: nothing listens any more
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", url.getPort()), 2000))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    @Timeout(240)
    void nothingListensWhenMetricsAreNotAskedFor(@TempDir Path tmp) throws Exception {
        assumeThat(ListeningPorts.available()).as("Linux /proc socket tables").isTrue();
        Set<Integer> before = ListeningPorts.ofThisProcess();
        try (Vigil vigil = Vigil.assemble(crying(tmp, 1, null), nowhere())) {
            vigil.start();
            assertThat(vigil.metrics()).isEmpty();
            assertThat(vigil.metricsUrl()).isEmpty();
            assertThat(ListeningPorts.ofThisProcess()).as("ports this JVM listens on while monitoring").isEqualTo(before);
            assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress(Defaults.METRICS_HOST, Defaults.METRICS_PORT), 2000))
                    .isInstanceOf(ConnectException.class);
            assertThat(vigil.pipeline().awaitSources(3, TimeUnit.MINUTES)).isTrue();
            assertThat(ListeningPorts.ofThisProcess()).isEqualTo(before);
        }
    }

    @Test
    void theListeningPortsCheckSeesAServerThatListens() throws Exception {
        assumeThat(ListeningPorts.available()).as("Linux /proc socket tables").isTrue();
        // The check above must be able to fail: a real metrics server shows up in it.
        try (VigilMetrics m = new VigilMetrics(); MetricsServer server = MetricsServer.start(new MetricsAddress("127.0.0.1", 0), m::scrape)) {
            assertThat(ListeningPorts.ofThisProcess()).contains(server.port());
        }
    }
}
