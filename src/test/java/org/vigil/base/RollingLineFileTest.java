package org.vigil.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.testing.StepClock;

/** The JSON-lines file's rolling on a real folder: by size, by day, by age and by total size. */
class RollingLineFileTest {
    private static final String LINE = "{\"type\":\"status\",\"bed\":\"bed-1\",\"t\":12.5,\"state\":\"calm\"}";

    @Test
    void rollsAtTheSizeAndKeepsTheTotalUnderTheCap(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("monitor.jsonl");
        StepClock clock = new StepClock(Instant.parse("2026-12-01T10:00:00Z"));
        try (RollingLineFile out = new RollingLineFile(f, 1_000, 30, 5_000, clock)) {
            for (int i = 0; i < 500; i++) out.append(LINE);
            assertThat(Files.size(f)).isLessThanOrEqualTo(1_000);
            List<Path> parts = out.parts();
            assertThat(parts).hasSizeGreaterThan(2)
                    .allSatisfy(p -> assertThat(p.getFileName().toString()).matches("monitor\\.2026-12-01\\.\\d+\\.jsonl"));
            assertThat(out.totalBytes()).isLessThanOrEqualTo(5_000);
            // Every kept line is whole.
            for (Path p : parts) assertThat(Files.readAllLines(p)).allMatch(LINE::equals);
            assertThat(Files.readAllLines(f)).isNotEmpty().allMatch(LINE::equals);
        }
    }

    @Test
    void startsANewPartEachDayAndDeletesPartsPastTheAge(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("monitor.jsonl");
        StepClock clock = new StepClock(Instant.parse("2026-12-01T10:00:00Z"));
        try (RollingLineFile out = new RollingLineFile(f, 1L << 30, 3, 1L << 40, clock)) {
            for (int day = 0; day < 6; day++) {
                out.append(LINE + day);
                clock.step(Duration.ofDays(1));
            }
            out.append("today");
            // Days 1..6 were rolled; parts older than 3 days before "today" (2026-12-07) are gone.
            assertThat(out.parts()).extracting(p -> p.getFileName().toString())
                    .containsExactly("monitor.2026-12-04.1.jsonl", "monitor.2026-12-05.1.jsonl", "monitor.2026-12-06.1.jsonl");
            assertThat(Files.readAllLines(dir.resolve("monitor.2026-12-06.1.jsonl"))).containsExactly(LINE + 5);
            assertThat(Files.readAllLines(f)).containsExactly("today");
        }
    }

    @Test
    void anExistingFileIsAppendedToAndCountsTowardsTheSize(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("out.jsonl");
        Files.writeString(f, "old\n");
        StepClock clock = new StepClock(Instant.now());
        try (RollingLineFile out = new RollingLineFile(f, 10, 30, 1_000, clock)) {
            out.append("new line");
        }
        assertThat(Files.readAllLines(f)).containsExactly("new line");
        try (var parts = Files.list(dir)) {
            assertThat(parts.filter(p -> !p.equals(f)).toList()).singleElement()
                    .satisfies(p -> assertThat(Files.readAllLines(p)).containsExactly("old"));
        }
    }
}
