package org.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.testing.Cli;

/** `bench model` on the shipped default model, kept short: the table's shape and sense, not the speed. */
class BenchModelCommandTest {
    private static final String MODEL = "models/vigil-ferplus4-compact.vigil";

    @Test
    void eachModelGetsARowWithItsMedianInsideTheRangeOfItsRoundsMedians() {
        Cli.Run r = Cli.run("bench", "model", "-m", MODEL, "-m", MODEL, "--rounds", "2", "--runs", "5", "--batch", "4",
                "--train-arch", "none");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("# 2 rounds; per model and round 5 single-face calls and 6 batches of 4");
        List<String> rows = Arrays.stream(r.out().split("\n")).filter(l -> l.startsWith("| vigil-ferplus4-compact |")).toList();
        assertThat(rows).hasSize(2); // the same file twice is timed twice
        for (String row : rows) {
            String[] c = row.split("\\s*\\|\\s*");
            // c[1] name, c[2] input size and layout, c[3] params, c[4] median, c[5] rounds' medians, c[6] p99, c[7] faces/s
            assertThat(c[2]).isEqualTo("48x48 NHWC");
            assertThat(c[3]).isEqualTo("582,628");
            double median = Double.parseDouble(c[4]), p99 = Double.parseDouble(c[6]), facesPerSecond = Double.parseDouble(c[7]);
            String[] range = c[5].split("-");
            double fastest = Double.parseDouble(range[0]), slowest = Double.parseDouble(range[1]);
            assertThat(median).isPositive().isBetween(fastest, slowest).isLessThanOrEqualTo(p99);
            assertThat(facesPerSecond).isPositive();
        }
    }

    @Test
    void flipTtaTimesEachModelAlsoAveragedWithItsMirrorRightAfterIt() {
        Cli.Run r = Cli.run("bench", "model", "-m", MODEL, "--flip-tta", "--rounds", "1", "--runs", "3", "--batch", "2",
                "--train-arch", "none");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> names = Arrays.stream(r.out().split("\n")).filter(l -> l.startsWith("| vigil-"))
                .map(l -> l.split("\\s*\\|\\s*")[1]).toList();
        assertThat(names).containsExactly("vigil-ferplus4-compact", "vigil-ferplus4-compact+flip");
    }

    @Test
    void noRoundsIsRefusedBeforeAnythingIsLoaded() {
        Cli.Run r = Cli.run("bench", "model", "-m", "no-such-model.vigil", "--rounds", "0", "--train-arch", "none");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--runs and --rounds must be at least 1");
    }
}
