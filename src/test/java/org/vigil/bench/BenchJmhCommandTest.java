package org.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vigil.cli.Main;

/** The JMH benchmarks are found on the classpath and run (in-process here, to keep the suite short). */
class BenchJmhCommandTest {
    static String[] run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.commandLine().execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void theDecisionBenchmarkRunsAndReportsATimePerObservation() {
        String[] r = run("bench", "jmh", "DecideBenchmark", "--forks", "0", "--warmup", "0", "--iterations", "1", "--seconds", "1");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).containsPattern("\\| DecideBenchmark\\.decide \\| - \\| \\d+\\.\\d{3} \\| .* \\| us/op \\|");
    }

    @Test
    void aPatternThatMatchesNothingIsAnError() {
        String[] r = run("bench", "jmh", "NoSuchBenchmark", "--forks", "0", "--warmup", "0", "--iterations", "1", "--seconds", "1");
        assertThat(r[0]).isNotEqualTo("0");
        assertThat(r[1] + r[2]).contains("NoSuchBenchmark");
    }
}
