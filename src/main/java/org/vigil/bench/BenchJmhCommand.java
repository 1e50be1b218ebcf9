package org.vigil.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * ./run.sh bench jmh: the JMH micro-benchmarks of src/jmh/java (detect, crop, classify, decide),
 * in forked JVMs, printed as a Markdown table for docs/benchmarks.md.
 */
@Command(name = "jmh", mixinStandardHelpOptions = true,
        description = {"JMH micro-benchmarks of the per-frame stages on a real frame of the crying clip (needs $VIGIL_SHARED):",
                "DetectBenchmark, CropBenchmark, ClassifyBenchmark, DecideBenchmark."})
public class BenchJmhCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "REGEX", description = "benchmarks to run (JMH include patterns); default all of Vigil's")
    String[] include = {"org.vigil.bench.jmh."};
    @Option(names = "--forks", defaultValue = "1", description = "forked JVMs per benchmark; default ${DEFAULT-VALUE}") int forks;
    @Option(names = "--warmup", defaultValue = "3", description = "warm-up iterations; default ${DEFAULT-VALUE}") int warmup;
    @Option(names = "--iterations", defaultValue = "5", description = "measured iterations; default ${DEFAULT-VALUE}") int iterations;
    @Option(names = "--seconds", defaultValue = "2", description = "seconds per iteration; default ${DEFAULT-VALUE}") int seconds;
    @Option(names = "--json", description = "also write JMH's JSON results to this file") Path json;
    @Option(names = {"--param", "-p"}, description = "a benchmark parameter's values, NAME=V1,V2 (e.g. model=models/a.vigil,models/b.vigil); repeatable")
    Map<String, String> params = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        ChainedOptionsBuilder o = new OptionsBuilder().forks(forks).warmupIterations(warmup).measurementIterations(iterations)
                .warmupTime(TimeValue.seconds(seconds)).measurementTime(TimeValue.seconds(seconds))
                // the forks get the launcher's heap and native-memory limits
                .jvmArgsPrepend(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().toArray(String[]::new));
        for (String i : include) o.include(i);
        params.forEach((name, values) -> o.param(name, values.split(",")));
        if (json != null) {
            Path dir = json.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            o.resultFormat(ResultFormatType.JSON).result(json.toString());
        }
        Collection<RunResult> results;
        try {
            results = new Runner(o.build()).run();
        } catch (org.openjdk.jmh.runner.NoBenchmarksException e) {
            results = java.util.List.of();
        }
        if (results.isEmpty()) {
            System.err.println("bench jmh: no benchmark matches " + String.join(" ", include)
                    + " (Vigil's: DetectBenchmark, CropBenchmark, ClassifyBenchmark, DecideBenchmark, ReluBenchmark)");
            return 2;
        }
        System.out.printf(Locale.ROOT, "%nDate %s; machine: %s, %d cores; Java %s; %d fork(s), %d x %d s measured.%n%n",
                LocalDate.now(), BenchModelCommand.cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), forks, iterations, seconds);
        System.out.println("| benchmark | params | mean | ± 99.9 % | unit |");
        System.out.println("|---|---|---|---|---|");
        for (RunResult r : results) {
            var p = r.getParams();
            String params = String.join(", ", p.getParamsKeys().stream().map(k -> k + "=" + p.getParam(k)).toList());
            var s = r.getPrimaryResult();
            String name = p.getBenchmark().replace("org.vigil.bench.jmh.", "");
            System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %s |%n", name, params.isEmpty() ? "-" : params, s.getScore(),
                    s.getScoreError(), s.getScoreUnit());
        }
        return 0;
    }
}
