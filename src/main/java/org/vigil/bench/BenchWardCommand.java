package org.vigil.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** ./run.sh bench ward --beds 200 --rate 5 --seconds 60: a simulated ward through the real broker and central station. */
@Command(name = "ward", mixinStandardHelpOptions = true,
        description = {"Simulated edges replay recorded scores (no camera, no model) through their rules engines, durable outboxes and",
                "MQTT links to a real central station (own JVM, embedded broker): alert latency edge -> central, central CPU and memory."})
public class BenchWardCommand implements Callable<Integer> {
    @Option(names = "--beds", defaultValue = "200", description = "Simulated beds (default ${DEFAULT-VALUE}).")
    int beds;
    @Option(names = "--beds-per-edge", defaultValue = "4", description = "Beds per simulated edge box (default ${DEFAULT-VALUE}).")
    int bedsPerEdge;
    @Option(names = "--rate", defaultValue = "5", description = "Observations per second per bed (default ${DEFAULT-VALUE}).")
    double rate;
    @Option(names = "--seconds", defaultValue = "60", description = "How long the ward runs (default ${DEFAULT-VALUE}).")
    double seconds;
    @Option(names = "--scores", defaultValue = "docs/alerts-timelines/wolfganglanger.jsonl",
            description = "Recorded scores every bed replays from its own random start (default ${DEFAULT-VALUE}: the crying clip).")
    Path scores;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("vigil-bench-ward");
        WardBenchmark.Result r = WardBenchmark.run(beds, bedsPerEdge, rate, seconds, scores, work);
        System.out.printf(Locale.ROOT, "Ward over MQTT, %s, %s, %d cores, Java %s%n", Instant.now(), BenchModelCommand.cpuModel(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "load average at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println("| beds (edges) | observations/s | alerts raised at edges | at the central | latency p50 | p99 | max | central CPU | central RSS mean / max |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| %d (%d) | %.0f | %d | %d | %.0f ms | %.0f ms | %.0f ms | %.0f %% of a core | %.0f / %.0f MB |%n",
                r.beds(), r.edges(), r.observations() / r.seconds(), r.raisedAtEdges(), r.atCentral(), r.p50Ms(), r.p99Ms(), r.maxMs(),
                r.centralCpuPct(), r.centralRssMb(), r.centralRssMaxMb());
        return 0;
    }
}
