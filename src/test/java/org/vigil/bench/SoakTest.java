package org.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.app.Settings;
import org.vigil.testing.SharedFiles;

/**
 * A short soak in the suite: 2 beds of the real monitor (pipeline, SQLite alert store, JSON lines)
 * on the crying clip in a loop for 60 s. Fails on a clear leak: growth of threads, descriptors or
 * memory far beyond noise. It asserts on growth, never on speed.
 */
class SoakTest {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void twoBedsForAMinuteGrowNothing(@TempDir Path dir) throws Exception {
        Path clip = SharedFiles.require("data/videos/pyfeat_WolfgangLanger_Pexels.mp4");
        List<Path> clips = SoakBenchmark.clips(List.of(clip), 10, 320, 240);
        SoakBenchmark.Result r = new SoakBenchmark(clips, 2, 60, Settings.builder().build(), dir, 5, 10, 20).run();

        SoakVerdict v = r.verdict();
        System.out.println(v.line());
        // Frames flowed the whole time (else "no growth" would mean nothing).
        assertThat(r.samples()).allSatisfy(s -> assertThat(s.fps()).isGreaterThan(0));
        // A thread or file left behind per clip loop (every 20 s) or per alert shows here; pools may vary by a few.
        assertThat(v.threadGrowth()).as(v.line()).isLessThanOrEqualTo(3);
        assertThat(v.fdGrowth()).as(v.line()).isLessThanOrEqualTo(5);
        // Generous bounds: a leak of one frame (640x480x3 = 0.9 MB) per second would be ~500 MB per 10 min.
        assertThat(v.heapSlope()).as(v.line()).isLessThan(100);
        assertThat(v.offHeapSlope()).as(v.line()).isLessThan(100);
        // The outputs a reader looks at.
        assertThat(Files.readAllLines(r.csv())).hasSize(r.samples().size() + 1).first().asString().startsWith("t_s,rss_mb");
        assertThat(ImageIO.read(r.png().toFile()).getHeight()).isGreaterThan(500);
        assertThat(Files.readString(dir.resolve("verdict.txt"))).startsWith("VERDICT");
        assertThat(dir.resolve("soak-alerts.db")).isNotEmptyFile();
        assertThat(dir.resolve("soak.jsonl")).isNotEmptyFile();
    }
}
