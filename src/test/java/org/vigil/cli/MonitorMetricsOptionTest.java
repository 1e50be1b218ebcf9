package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vigil.metrics.Scrape;
import org.vigil.testing.Cli;
import org.vigil.testing.SharedFiles;

/** {@code monitor --metrics}: served while the monitor runs, gone after; wrong values and busy ports named. */
class MonitorMetricsOptionTest {
    static final String CLIP = "data/videos/pyfeat_single_face.mp4";

    @Test
    void aWrongValueIsNamedAndNothingStarts() throws Exception {
        String clip = SharedFiles.require(CLIP).toString();
        for (String bad : new String[] {"nine", "70000", "localhost:"}) {
            MonitorCommandTest.Run r = MonitorCommandTest.run("monitor", "--headless", "--fast", "--source", clip, "--out", "none",
                    "--metrics", bad);
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains("--metrics '" + bad + "'").contains("PORT or HOST:PORT");
            assertThat(r.lines()).isEmpty();
        }
    }

    @Test
    @Timeout(180)
    void aBusyPortIsNamed() throws Exception {
        String clip = SharedFiles.require(CLIP).toString();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String addr = "127.0.0.1:" + taken.getLocalPort();
            MonitorCommandTest.Run r = MonitorCommandTest.run("monitor", "--headless", "--fast", "--source", clip, "--out", "none",
                    "--metrics", addr);
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains("--metrics " + addr + ": cannot listen there");
            assertThat(r.lines()).as("the monitor did not start").isEmpty();
        }
    }

    @Test
    @Timeout(240)
    void servedWhileTheMonitorRunsAndClosedWhenItEnds() throws Exception {
        String clip = SharedFiles.require(CLIP).toString();
        // Real time, looped: a live-like bed for 4 s of stream time.
        Cli.Background monitor = Cli.start("monitor", "--headless", "--source", clip,
                "--loop", "--duration", "4", "--out", "none", "--alerts-db", "none", "--metrics", "0");
        URI url = awaitUrl(monitor);
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        Scrape s = Scrape.get(url);
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!(s.value("vigil_frames_total", "bed", "bed-1") > 0) && !monitor.isDone() && System.nanoTime() < end) {
            Thread.sleep(200);
            s = Scrape.get(url);
        }
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.value("vigil_frames_total", "bed", "bed-1")).as("frames counted while running").isPositive();
        assertThat(s.value("vigil_source_state", "bed", "bed-1", "state", "running")).isEqualTo(1);
        assertThat(monitor.await(3, TimeUnit.MINUTES)).as(monitor.err()).isZero();
        int port = url.getPort();
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 2000))
                .isInstanceOf(ConnectException.class);
    }

    private static URI awaitUrl(Cli.Background monitor) throws Exception {
        Pattern p = Pattern.compile("Prometheus metrics at (http://\\S+)");
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < end) {
            Matcher m = p.matcher(monitor.err());
            if (m.find()) return URI.create(m.group(1));
            if (monitor.isDone()) throw new AssertionError("monitor ended without serving metrics: " + monitor.err());
            Thread.sleep(100);
        }
        throw new AssertionError("no metrics URL printed: " + monitor.err());
    }
}
