package org.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.AlertEvent;
import org.vigil.capture.CaptureOptions;
import org.vigil.capture.SourceSpec;
import org.vigil.classify.EmotionModel;

/**
 * Broken sources: each gets a clear message and a technical status for its bed, and the other beds
 * go on. Missing, corrupt and truncated files; an unplugged camera; a stream that cannot be reached;
 * a stream that dies half-way.
 */
class SourceFailureTest {
    private static EmotionModel model;

    @BeforeAll
    static void load() {
        model = ClipRun.referenceModel();
    }

    @AfterAll
    static void close() {
        if (model != null) model.close();
    }

    private static String[] lastState(RecordingListener rec, String bed) {
        String[] last = null;
        for (String[] s : rec.sources) if (s[0].equals(bed)) last = s;
        return last;
    }

    @Test
    void brokenFilesAreReportedAndTheGoodBedGoesOn(@TempDir Path tmp) throws Exception {
        Path good = ClipRun.video("pyfeat_single_face.mp4");
        Path missing = tmp.resolve("no-such-clip.mp4");
        Path garbage = tmp.resolve("garbage.mp4");
        byte[] noise = new byte[200_000];
        new Random(7).nextBytes(noise);
        Files.write(garbage, noise);
        // A recording cut off half-way (a recorder that lost power). With the index at the front
        // (faststart) the file still opens, claims 19.7 s, and its frames stop at the cut.
        Path whole = tmp.resolve("whole.mp4");
        transcode(ClipRun.video("pyfeat_WolfgangLanger_Pexels.mp4"), whole, "mp4", 8.0);
        Path truncated = ClipRun.copyPrefix(whole, tmp.resolve("cut-faststart.mp4"), 0.5);
        // An MP4 cut off before its index (the usual layout): cannot be opened at all.
        Path truncatedMp4 = ClipRun.copyPrefix(good, tmp.resolve("cut-noindex.mp4"), 0.3);

        RecordingListener rec = new RecordingListener();
        Pipeline p = ClipRun.run(ClipRun.fast(List.of(
                SourceSpec.parse("good", good.toString()),
                SourceSpec.parse("missing", missing.toString()),
                SourceSpec.parse("garbage", garbage.toString()),
                SourceSpec.parse("cut-ts", truncated.toString()),
                SourceSpec.parse("cut-mp4", truncatedMp4.toString())), 4), model, ClipRun.shortRules(tmp), rec);
        rec.sources.forEach(s -> System.out.println("source " + String.join(" | ", s)));

        assertThat(lastState(rec, "missing")[1]).isEqualTo("offline");
        assertThat(lastState(rec, "missing")[2]).contains("not found").contains("no-such-clip.mp4");
        assertThat(lastState(rec, "garbage")[1]).isEqualTo("offline");
        assertThat(lastState(rec, "garbage")[2]).contains("garbage.mp4");
        assertThat(lastState(rec, "cut-mp4")[1]).isEqualTo("offline");
        assertThat(lastState(rec, "cut-mp4")[2]).contains("cut-noindex.mp4").contains("cannot open");
        String[] cut = lastState(rec, "cut-ts");
        assertThat(cut[1]).isEqualTo("ended");
        assertThat(cut[2]).contains("ended early").contains("truncated or corrupt");
        assertThat(p.stats().bed("cut-ts").frames.sum()).isBetween(40L, 120L); // about half of 19.7 s at 8 fps

        // the broken beds show a technical status, the good one was analysed to its end
        for (String bed : List.of("missing", "garbage", "cut-mp4")) {
            assertThat(rec.of(bed)).anyMatch(s -> s.state() == BedState.CAMERA_OFFLINE);
        }
        assertThat(lastState(rec, "good")[1]).isEqualTo("ended");
        assertThat(p.stats().bed("good").frames.sum()).isEqualTo(72);
        assertThat(rec.of("good")).anyMatch(s -> s.state() == BedState.CALM);
    }

    @Test
    void unreachableStreamAndUnpluggedCameraGiveUpWithTechnicalStatus(@TempDir Path tmp) throws Exception {
        RecordingListener rec = new RecordingListener();
        PipelineConfig c = ClipRun.fast(List.of(
                        SourceSpec.parse("good", ClipRun.video("pyfeat_single_face.mp4").toString()),
                        SourceSpec.parse("stream", "rtsp://127.0.0.1:9/ward/bed-2"),
                        SourceSpec.parse("camera", "camera:9")), 4)
                .toBuilder().capture(CaptureOptions.defaults(false).withMaxReconnects(2).withBackoff(50, 200)).build();
        Pipeline p = ClipRun.run(c, model, ClipRun.shortRules(tmp), rec);
        rec.sources.forEach(s -> System.out.println("source " + String.join(" | ", s)));
        for (String bed : List.of("stream", "camera")) {
            String[] last = lastState(rec, bed);
            assertThat(last[1]).isEqualTo("offline");
            assertThat(last[2]).contains("gave up after 2 reconnect attempts");
            assertThat(rec.sources).anyMatch(s -> s[0].equals(bed) && s[2].contains("retrying in"));
            assertThat(rec.of(bed)).anyMatch(s -> s.state() == BedState.CAMERA_OFFLINE);
        }
        assertThat(lastState(rec, "stream")[2]).contains("rtsp://127.0.0.1:9/ward/bed-2");
        assertThat(p.stats().bed("good").frames.sum()).isEqualTo(72);
    }

    @Test
    void aStreamThatDiesReconnectsThenReportsOffline(@TempDir Path tmp) throws Exception {
        Path ts = tmp.resolve("live.ts");
        transcode(ClipRun.video("pyfeat_single_face.mp4"), ts, "mpegts", 30);
        byte[] all = Files.readAllBytes(ts);
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cam", ex -> {
            // First connection: half the stream, then the connection drops. Later ones: camera gone.
            if (requests.getAndIncrement() == 0) {
                ex.sendResponseHeaders(200, 0);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(all, 0, all.length / 2);
                }
            } else {
                ex.sendResponseHeaders(503, -1);
                ex.close();
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/cam";
            RecordingListener rec = new RecordingListener();
            PipelineConfig c = ClipRun.fast(List.of(SourceSpec.parse("live", url)), 4)
                    .toBuilder().capture(CaptureOptions.defaults(true).withMaxReconnects(2).withBackoff(50, 200)).build();
            Pipeline p = ClipRun.run(c, model, ClipRun.shortRules(tmp), rec);
            rec.sources.forEach(s -> System.out.println("source " + String.join(" | ", s)));
            List<String> states = rec.sources.stream().map(s -> s[1]).toList();
            assertThat(states).containsSubsequence("connecting", "running", "reconnecting", "offline");
            // Frames decoded before the drop (about half of 72); a live source drops frames the
            // pipeline cannot take yet (latest frame wins), so count those too.
            long decoded = p.stats().bed("live").frames.sum() + p.stats().bed("live").dropped.sum();
            assertThat(decoded).isBetween(20L, 60L);
            assertThat(p.stats().bed("live").frames.sum()).isPositive();
            assertThat(lastState(rec, "live")[2]).contains("gave up");
            // first connection + 2 reconnect attempts (FFmpeg may probe with extra requests of its own)
            assertThat(requests.get()).isGreaterThanOrEqualTo(3);
            assertThat(rec.of("live")).anyMatch(s -> s.state() == BedState.CALM || s.state() == BedState.CANNOT_ASSESS);
            assertThat(rec.of("live").get(rec.of("live").size() - 1).state()).isEqualTo(BedState.CAMERA_OFFLINE);
        } finally {
            server.stop(0);
        }
    }

    /** Re-encodes a clip into another container (MPEG-4 part 2 video), optionally at a lower rate. */
    static void transcode(Path src, Path dst, String format, double maxFps) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(src.toFile())) {
            g.start();
            double fps = Math.min(maxFps, g.getFrameRate());
            try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(dst.toFile(), g.getImageWidth(), g.getImageHeight(), 0)) {
                r.setFormat(format);
                if (format.equals("mp4")) r.setOption("movflags", "faststart");
                r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
                r.setFrameRate(fps);
                r.setVideoQuality(4);
                r.start();
                Frame f;
                int n = 0;
                double next = 0;
                while ((f = g.grabImage()) != null) {
                    double t = f.timestamp / 1e6;
                    if (t + 1e-6 < next) continue;
                    next = (++n) / fps;
                    r.record(f);
                }
                r.stop();
            }
            g.stop();
        }
    }
}
