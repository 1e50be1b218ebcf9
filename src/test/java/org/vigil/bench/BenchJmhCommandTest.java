package org.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vigil.testing.Cli;

/** The JMH benchmarks are found on the classpath and run (in-process here, to keep the suite short). */
class BenchJmhCommandTest {
    static String[] run(String... args) {
        Cli.Run r = Cli.run(args);
        return new String[] {String.valueOf(r.code()), r.out(), r.err()};
    }

    @Test
    void theDecisionBenchmarkRunsAndReportsATimePerObservation() {
        String[] r = run("bench", "jmh", "DecideBenchmark", "--forks", "0", "--warmup", "0", "--iterations", "1", "--seconds", "1");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).containsPattern("\\| DecideBenchmark\\.decide \\| - \\| \\d+\\.\\d{3} \\| .* \\| us/op \\|");
    }

    @Test
    void paramValuesReplaceTheBenchmarksOwn() {
        String[] r = run("bench", "jmh", "ClassifyBenchmark", "-p", "model=models/vigil-ferplus4-compact.vigil", "--param", "batch=1",
                "--forks", "0", "--warmup", "0", "--iterations", "1", "--seconds", "1");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1].lines().filter(l -> l.startsWith("| ClassifyBenchmark"))).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("| batch=1, model=models/vigil-ferplus4-compact.vigil |").endsWith("| ms/op |");
    }

    @Test
    void aPatternThatMatchesNothingIsAnError() {
        String[] r = run("bench", "jmh", "NoSuchBenchmark", "--forks", "0", "--warmup", "0", "--iterations", "1", "--seconds", "1");
        assertThat(r[0]).isNotEqualTo("0");
        assertThat(r[1] + r[2]).contains("NoSuchBenchmark");
    }
}
