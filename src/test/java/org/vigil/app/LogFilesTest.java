package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The rolling log file (Logback's SizeAndTimeBasedRollingPolicy) on a real folder. */
class LogFilesTest {

    @Test
    void aFullLogFileRollsAndPartsPastTheAgeAreDeleted(@TempDir Path dir) throws Exception {
        // A log left by an earlier run, over the size limit, and a part past the 30 days kept.
        Files.writeString(dir.resolve("vigil.log"), "old run\n".repeat(3_000));
        Path ancient = dir.resolve("vigil." + LocalDate.now().minusDays(40) + ".0.log.gz");
        Files.write(ancient, new byte[100]);

        Path file = LogFiles.start(dir, "10KB", 30, "1MB");
        try {
            LoggerFactory.getLogger("org.vigil.test.LogFilesTest").info("soak line for the rolling test");
        } finally {
            LogFiles.stop(); // also waits for the compression of the rolled part
        }
        assertThat(Files.readString(file)).contains("INFO").contains("soak line for the rolling test").doesNotContain("old run");
        // Compression and clean-up run on Logback's executor: allow them a moment to finish (CI once listed the
        // folder with neither the rolled part nor its .gz in it, as if mid-compression).
        String rolled = "vigil." + LocalDate.now() + ".0.log.gz";
        List<String> names = names(dir);
        for (long until = System.nanoTime() + 10_000_000_000L;
             (!names.contains(rolled) || names.contains(ancient.getFileName().toString()) || names.stream().anyMatch(n -> n.endsWith(".tmp")))
                     && System.nanoTime() < until; names = names(dir)) {
            Thread.sleep(50);
        }
        assertThat(names).contains(rolled).doesNotContain(ancient.getFileName().toString()).noneMatch(n -> n.endsWith(".tmp"));
    }

    private static List<String> names(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
