package org.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.testing.SharedFiles;

/**
 * {@code bench ward-video} end to end, short: the central station, an edge on the looping crying clip, an edge
 * on the looping smiling clip and a nurse-station dashboard, each its own JVM, for 35 measured seconds. The
 * crying clip's distress alert reaches the central, the smiling clip raises none, and the table has every
 * process. No speed is asserted (figures come from the 5-minute run in docs/benchmarks.md).
 */
class WardVideoBenchmarkTest {

    @Test
    @Timeout(400)
    void twoEdgesACentralAndANurseStationOnTheSharedClips(@TempDir Path dir) throws Exception {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            String reason = "no display for the nurse-station process: run under xvfb-run";
            if (SharedFiles.isCi()) fail(reason);
            assumeTrue(false, reason);
        }
        Path crying = SharedFiles.require(org.vigil.base.SharedData.CRYING_CLIP);
        Path smiling = SharedFiles.require(org.vigil.base.SharedData.SMILING_CLIP);

        WardVideoBenchmark.Result r = WardVideoBenchmark.run(List.of(crying, smiling), 1, 0, 35, dir, System.err);

        assertThat(r.edges()).hasSize(2);
        WardVideoBenchmark.EdgeResult cry = r.edges().get(0), smile = r.edges().get(1);
        assertThat(cry.raised()).as("the crying clip's edge raised a distress alert (logs in %s)", dir).isPositive();
        assertThat(cry.atCentral()).as("every one reached the central station's store").isEqualTo(cry.raised());
        assertThat(smile.raised()).as("the smiling clip raises none").isZero();
        assertThat(r.edges()).allSatisfy(e -> {
            assertThat(e.frames()).as("frames analysed by %s", e.edge()).isPositive();
            assertThat(e.dropped()).isNotNegative();
        });
        assertThat(r.latenciesMs()).as("each alert's state came back from the central").hasSize(cry.raised())
                .allSatisfy(ms -> assertThat(ms).isNotNegative());
        assertThat(r.processes()).extracting(ProcessMeter.Use::role)
                .containsExactly("central station (embedded broker)", "edge room-1", "edge room-2", "nurse-station dashboard (--broker)");
        assertThat(r.processes()).allSatisfy(u -> {
            assertThat(u.cpuPct()).as("CPU of %s", u.role()).isPositive();
            assertThat(u.rssMaxMb()).as("RSS of %s", u.role()).isGreaterThan(50);
        });
        assertThat(r.processes().stream().mapToLong(ProcessMeter.Use::pid).distinct().count()).as("separate processes").isEqualTo(4);

        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        BenchWardVideoCommand.print(r, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String table = buf.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("| edge room-1 | pyfeat_WolfgangLanger_Pexels.mp4 (1) |", "| edge room-2 | pyfeat_single_face.mp4 (1) |",
                "| central station (embedded broker) |", "| nurse-station dashboard (--broker) |", "load average at the end:", "p99");
    }
}
