package org.vigil.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.base.Defaults;

/**
 * The {@code /metrics} endpoint Prometheus scrapes: the JDK's own HTTP server on one daemon thread
 * ({@code vigil-metrics-http}), GET only, nothing else served. Started only when asked for.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);
    /** The Prometheus text exposition format (what {@code PrometheusMeterRegistry.scrape()} writes). */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI url;

    private MetricsServer(HttpServer server, ExecutorService executor, URI url) {
        this.server = server;
        this.executor = executor;
        this.url = url;
    }

    /**
     * Listens on {@code address} and serves {@code scrape} at {@link Defaults#METRICS_PATH}.
     * @throws IllegalArgumentException naming the address when it cannot be resolved or bound
     */
    public static MetricsServer start(MetricsAddress address, Supplier<String> scrape) {
        InetSocketAddress sa = new InetSocketAddress(address.host(), address.port());
        if (sa.isUnresolved()) throw new IllegalArgumentException("--metrics " + address + ": unknown host " + address.host());
        HttpServer server;
        try {
            server = HttpServer.create(sa, 0);
        } catch (IOException e) {
            throw new IllegalArgumentException("--metrics " + address + ": cannot listen there: " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vigil-metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(Defaults.METRICS_PATH, exchange -> serve(exchange, scrape));
        server.start();
        InetSocketAddress bound = server.getAddress();
        String host = address.host().contains(":") ? "[" + address.host() + "]" : address.host();
        URI url = URI.create("http://" + host + ":" + bound.getPort() + Defaults.METRICS_PATH);
        log.info("metrics served at {}", url);
        return new MetricsServer(server, executor, url);
    }

    private static void serve(HttpExchange ex, Supplier<String> scrape) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().equals(Defaults.METRICS_PATH)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try {
                body = scrape.get().getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                log.warn("metrics scrape failed: {}", e.toString());
                ex.sendResponseHeaders(500, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(200, -1);
                return;
            }
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Where Prometheus finds the metrics, e.g. http://127.0.0.1:9464/metrics (the real port when 0 was asked). */
    public URI url() {
        return url;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
