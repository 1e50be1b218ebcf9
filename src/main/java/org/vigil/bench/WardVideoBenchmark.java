package org.vigil.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertStore;
import org.vigil.alerts.AlertTransition;
import org.vigil.base.Defaults;
import org.vigil.metrics.Scrape;
import org.vigil.ward.WardTopics;

/**
 * The real video path of a ward on one machine, every role its own JVM as in production: the central station
 * (embedded broker), one edge process per clip watching it in a loop in real time (capture, detection, the
 * model, rules, outbox, MQTT; its Prometheus meters on a loopback port) and a nurse-station dashboard on the
 * broker. Measures, over a window after a warm-up: each edge's analysed fps and dropped frames (its /metrics),
 * distress alerts raised at each edge against those the central stored (both SQLite stores, after the processes
 * ended), edge raise -> central state latency ({@link CentralAlertObserver}), and every process's CPU and RSS.
 */
final class WardVideoBenchmark {
    /** Not "bench": the dashboard's picocli would take that value for the bench command. */
    static final String WARD = "video";

    /** One edge over the window. {@code frameToAlertMs}: its frame decoded -> alert published, mean (NaN: no alert). */
    record EdgeResult(String edge, Path clip, List<String> beds, long frames, long dropped, double seconds, double frameToAlertMs,
                      int raised, int atCentral) {
        double fpsPerBed() {
            return frames / seconds / beds.size();
        }

        double droppedPct() {
            return frames + dropped == 0 ? 0 : 100.0 * dropped / (frames + dropped);
        }
    }

    record Result(Instant start, double seconds, List<EdgeResult> edges, List<ProcessMeter.Use> processes, List<Double> latenciesMs,
                  String loadAverage) {
        int raised() {
            return edges.stream().mapToInt(EdgeResult::raised).sum();
        }

        int atCentral() {
            return edges.stream().mapToInt(EdgeResult::atCentral).sum();
        }
    }

    private WardVideoBenchmark() {}

    static Result run(List<Path> clips, int bedsPerEdge, double warmupS, double seconds, Path work, PrintStream progress) throws Exception {
        for (Path c : clips) if (!Files.isReadable(c)) throw new IllegalArgumentException("--clip " + c + ": no such file");
        if (bedsPerEdge < 1) throw new IllegalArgumentException("--beds-per-edge must be at least 1, got " + bedsPerEdge);
        if (!(seconds > 0)) throw new IllegalArgumentException("--seconds must be positive, got " + seconds);
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            throw new IllegalStateException("the nurse-station dashboard needs a display: run under xvfb-run -a (no $DISPLAY)");
        }
        int port = freePort();
        String broker = "tcp://127.0.0.1:" + port;
        Path cfg = Files.createDirectories(work.resolve("alerts-config"));
        Files.writeString(cfg.resolve("rules.yaml"), WardBenchmark.RULES);
        Path centralDb = work.resolve("central.db");
        List<VigilProcess> edges = new ArrayList<>();
        List<List<String>> bedsOf = new ArrayList<>();
        List<URI> metricsOf = new ArrayList<>();
        VigilProcess central = VigilProcess.start(work, "central", "1g", List.of("central", "--ward-config", cfg.toString(),
                "--listen", "127.0.0.1:" + port, "--db", centralDb.toString(), "--ward", WARD));
        VigilProcess dashboard = null;
        CentralAlertObserver observer = null;
        try {
            central.await("central-" + WARD + ": connected", 300);
            observer = CentralAlertObserver.connect(port, new WardTopics(Defaults.WARD_SITE, WARD));
            for (int e = 0; e < clips.size(); e++) {
                String id = "room-" + (e + 1);
                List<String> beds = new ArrayList<>();
                StringBuilder ward = new StringBuilder("ward: " + WARD + "\nbeds:\n");
                for (int b = 0; b < bedsPerEdge; b++) {
                    String bed = "bed-" + (e * bedsPerEdge + b + 1);
                    beds.add(bed);
                    ward.append("  - bed: ").append(bed).append("\n    source: ").append(clips.get(e).toAbsolutePath()).append('\n');
                }
                Path wardFile = Files.writeString(work.resolve(id + ".yaml"), ward.toString());
                int metricsPort = freePort();
                edges.add(VigilProcess.start(work, "edge-" + id, "1g", List.of("edge", "--ward", wardFile.toString(), "--broker", broker,
                        "--loop", "--state", work.resolve(id).toString(), "--rules", cfg.toString(), "--metrics", "127.0.0.1:" + metricsPort)));
                bedsOf.add(beds);
                metricsOf.add(URI.create("http://127.0.0.1:" + metricsPort + Defaults.METRICS_PATH));
            }
            dashboard = VigilProcess.start(work, "dashboard", "1g", List.of("--broker", broker, "--ward-name", WARD, "--user", "bench-nurse"));
            for (VigilProcess e : edges) e.await(e.name + ": connected", 300);
            dashboard.await("nurse-station-", 300);
            dashboard.await(": connected to " + broker, 60);
            awaitFrames(edges, metricsOf, bedsOf, 300);
            progress.printf(Locale.ROOT, "all %d processes up, frames flowing; warm-up %.0f s, then %.0f s measured (logs in %s)%n",
                    edges.size() + 2, warmupS, seconds, work);
            Thread.sleep((long) (warmupS * 1000));

            List<Scrape> before = new ArrayList<>();
            for (URI u : metricsOf) before.add(Scrape.get(u));
            List<ProcessMeter> meters = new ArrayList<>();
            meters.add(new ProcessMeter("central station (embedded broker)", central.pid()));
            for (int e = 0; e < edges.size(); e++) meters.add(new ProcessMeter("edge " + edges.get(e).name.substring(5), edges.get(e).pid()));
            meters.add(new ProcessMeter("nurse-station dashboard (--broker)", dashboard.pid()));
            Instant start = Instant.now();
            long t0 = System.nanoTime();
            long nextNote = t0 + 60_000_000_000L;
            while (System.nanoTime() - t0 < seconds * 1e9) {
                Thread.sleep(1000);
                meters.forEach(ProcessMeter::sample);
                for (VigilProcess p : allOf(central, edges, dashboard)) {
                    if (!p.process.isAlive()) throw new IllegalStateException(p.name + " ended during the run; its log " + p.log + ":\n" + p.log());
                }
                if (System.nanoTime() > nextNote) {
                    progress.printf(Locale.ROOT, "%.0f s of %.0f measured%n", (System.nanoTime() - t0) / 1e9, seconds);
                    nextNote += 60_000_000_000L;
                }
            }
            List<Scrape> after = new ArrayList<>();
            for (URI u : metricsOf) after.add(Scrape.get(u));
            List<ProcessMeter.Use> uses = meters.stream().map(ProcessMeter::finish).toList();
            double wall = (System.nanoTime() - t0) / 1e9;
            Instant end = Instant.now();
            String load = ProcessProbe.loadAverage();
            Thread.sleep(3000); // the last alerts' round trips
            List<Double> lat = observer.raisedBetween(start, end).stream().map(CentralAlertObserver.Arrival::latencyMs).toList();

            // Stop the edges first (their alerts are in their stores), then the dashboard, then the central, then count.
            for (VigilProcess e : edges) e.close();
            dashboard.close();
            central.close();
            List<EdgeResult> results = new ArrayList<>();
            for (int e = 0; e < edges.size(); e++) {
                Path edgeDb = work.resolve("room-" + (e + 1)).resolve("alerts.db");
                Set<String> raised = distressRaised(edgeDb, bedsOf.get(e), start, end);
                Set<String> atCentral = distressRaised(centralDb, bedsOf.get(e), start, end);
                atCentral.retainAll(raised);
                results.add(new EdgeResult(edges.get(e).name.substring(5), clips.get(e), bedsOf.get(e),
                        delta(before.get(e), after.get(e), "vigil_frames_total", bedsOf.get(e)),
                        delta(before.get(e), after.get(e), "vigil_frames_dropped_total", bedsOf.get(e)), wall,
                        frameToAlertMs(before.get(e), after.get(e)), raised.size(), atCentral.size()));
            }
            return new Result(start, wall, results, uses, lat, load);
        } finally {
            if (observer != null) observer.close();
            for (VigilProcess e : edges) e.close();
            if (dashboard != null) dashboard.close();
            central.close();
        }
    }

    private static List<VigilProcess> allOf(VigilProcess central, List<VigilProcess> edges, VigilProcess dashboard) {
        List<VigilProcess> all = new ArrayList<>(edges);
        all.add(central);
        all.add(dashboard);
        return all;
    }

    /** Until every bed of every edge has analysed a frame (the model is loaded, the clip is playing). */
    private static void awaitFrames(List<VigilProcess> edges, List<URI> metrics, List<List<String>> beds, double seconds) throws Exception {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        for (int e = 0; e < edges.size(); e++) {
            while (true) {
                Scrape s = Scrape.get(metrics.get(e));
                if (beds.get(e).stream().allMatch(b -> s.value("vigil_frames_total", "bed", b) > 0)) break;
                if (!edges.get(e).process.isAlive() || System.nanoTime() > until) {
                    throw new IllegalStateException(edges.get(e).name + " analysed no frame of every bed within " + seconds + " s; its log "
                            + edges.get(e).log + ":\n" + edges.get(e).log());
                }
                Thread.sleep(500);
            }
        }
    }

    private static long delta(Scrape before, Scrape after, String counter, List<String> beds) {
        double d = 0;
        for (String b : beds) d += nz(after.value(counter, "bed", b)) - nz(before.value(counter, "bed", b));
        return Math.round(d);
    }

    private static double frameToAlertMs(Scrape before, Scrape after) {
        double n = after.sum("vigil_frame_to_alert_seconds_count", "kind", "distress") - before.sum("vigil_frame_to_alert_seconds_count", "kind", "distress");
        double s = after.sum("vigil_frame_to_alert_seconds_sum", "kind", "distress") - before.sum("vigil_frame_to_alert_seconds_sum", "kind", "distress");
        return n > 0 ? 1000 * s / n : Double.NaN;
    }

    private static double nz(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /** Ids of the distress alerts of these beds raised in [from, to), as a store holds them. */
    static Set<String> distressRaised(Path db, List<String> beds, Instant from, Instant to) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (AlertStore s = new AlertStore(db)) {
            for (String b : beds) {
                for (AlertEvent ev : s.events(b, from, to)) {
                    if (ev.kind() == AlertKind.DISTRESS && ev.transition() == AlertTransition.RAISED && ev.at().isBefore(to)) ids.add(ev.alertId());
                }
            }
        }
        return ids;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
