package org.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertTransition;
import org.vigil.capture.SourceSpec;
import org.vigil.classify.EmotionModel;
import org.vigil.rules.Assessability;

/**
 * The monitoring pipeline end to end on the real clips in shared/data/videos: real decoding,
 * YuNet, the Keras reference emotion model and the YAML rules engine.
 */
class PipelineClipTest {
    private static EmotionModel model;

    @BeforeAll
    static void load() {
        model = ClipRun.referenceModel();
    }

    @AfterAll
    static void close() {
        if (model != null) model.close();
    }

    @Test
    void cryingWomanRaisesADistressAlertWithSadnessDominant(@TempDir Path tmp) throws Exception {
        Path clip = ClipRun.video("pyfeat_WolfgangLanger_Pexels.mp4");
        RecordingListener rec = new RecordingListener();
        Path jsonl = tmp.resolve("out.jsonl");
        Pipeline p;
        try (JsonLinesOutput json = new JsonLinesOutput(null, jsonl, 1.0, 0.4)) {
            p = ClipRun.run(ClipRun.fast(List.of(SourceSpec.parse("bed-7", clip.toString())), 4), model,
                    ClipRun.shortRules(tmp), rec, json);
            json.summary(p.stats());
        }
        // What the model says over time (smoothed), for the record.
        for (BedStatus s : rec.statuses) {
            if (Math.round(s.t() * 4) % 4 == 0) System.out.printf("crying t=%5.2f %-17s %s%n", s.t(), s.state(), top3(s.emotions()));
        }
        List<AlertEvent> raised = rec.alerts.stream()
                .filter(a -> a.kind() == org.vigil.alerts.AlertKind.DISTRESS && a.transition() == AlertTransition.RAISED).toList();
        assertThat(raised).hasSize(1);
        AlertEvent a = raised.get(0);
        System.out.printf("crying: distress alert raised at t=%.2f s of stream (episode from the clip start), emotions %s%n",
                a.t(), top3(a.emotions()));
        // Sad carries the alert: it is the largest distress score when it is raised.
        assertThat(a.emotions().get("sad")).isGreaterThan(a.emotions().get("angry")).isGreaterThan(0.5);
        assertThat(a.t()).isBetween(3.0, 10.0);
        // Before the alert the bed was seen building distress; after it the state showed ALERT.
        assertThat(rec.statuses.stream().anyMatch(s -> s.state() == BedState.ALERT)).isTrue();
        assertThat(rec.statuses.stream().filter(s -> s.t() < a.t()).anyMatch(s -> s.state() == BedState.DISTRESS_BUILDING)).isTrue();

        // The JSON lines file: every line typed, with bed and stream time; alert lines with kind and emotions.
        List<JsonNode> lines = readLines(jsonl);
        for (JsonNode l : lines) {
            assertThat(l.has("type") && l.has("bed") && l.has("t")).as(l.toString()).isTrue();
        }
        JsonNode alert = lines.stream().filter(l -> l.get("type").asText().equals("alert")).findFirst().orElseThrow();
        assertThat(alert.get("kind").asText()).isEqualTo("distress");
        assertThat(alert.get("emotions").get("sad").asDouble()).isGreaterThan(0.5);
        JsonNode summary = lines.get(lines.size() - 1);
        assertThat(summary.get("type").asText()).isEqualTo("summary");
        assertThat(summary.get("frames").asLong()).isGreaterThan(400); // 19.7 s at 24 fps, every frame in --fast mode
        assertThat(summary.get("faces").asLong()).isGreaterThan(400);
        assertThat(summary.get("alerts").asLong()).isEqualTo(1);
        assertThat(summary.get("mean_fps").asDouble()).isPositive();
    }

    @Test
    void smilingManRaisesNoDistressAndEndsHappy(@TempDir Path tmp) throws Exception {
        RecordingListener rec = new RecordingListener();
        ClipRun.run(ClipRun.fast(List.of(SourceSpec.parse("bed-1", ClipRun.video("pyfeat_single_face.mp4").toString())), 8),
                model, ClipRun.shortRules(tmp), rec);
        for (BedStatus s : rec.statuses) System.out.printf("single t=%4.2f %-13s %s%n", s.t(), s.state(), top3(s.emotions()));
        assertThat(rec.alerts).noneMatch(a -> a.kind() == org.vigil.alerts.AlertKind.DISTRESS);
        assertThat(rec.statuses).noneMatch(s -> s.state() == BedState.ALERT);
        BedStatus last = rec.statuses.get(rec.statuses.size() - 1);
        assertThat(last.assessability()).isEqualTo(Assessability.OK);
        assertThat(top(last.emotions())).isEqualTo("happy");
        // neutral at the start
        BedStatus firstOk = rec.statuses.stream().filter(s -> s.assessability() == Assessability.OK).findFirst().orElseThrow();
        assertThat(top(firstOk.emotions())).isEqualTo("neutral");
    }

    @Test
    void faceAbsentMeansCannotAssessAndRecoversOnVariableFrameRateHevc(@TempDir Path tmp) throws Exception {
        RecordingListener rec = new RecordingListener();
        Pipeline p = ClipRun.run(ClipRun.fast(List.of(
                SourceSpec.parse("nf", ClipRun.video("pyfeat_noface_face.mov").toString()),
                SourceSpec.parse("fn", ClipRun.video("pyfeat_face_noface.mov").toString())), 4), model, ClipRun.shortRules(tmp), rec);
        // no face, then face: cannot assess first, assessable at the end
        List<BedStatus> nf = rec.of("nf");
        int firstOk = indexOf(nf, Assessability.OK);
        assertThat(firstOk).isPositive();
        assertThat(nf.subList(0, firstOk)).allMatch(s -> s.state() == BedState.CANNOT_ASSESS && s.assessability() == Assessability.NO_FACE);
        assertThat(nf.get(nf.size() - 1).assessability()).isEqualTo(Assessability.OK);
        assertThat(nf.get(nf.size() - 1).emotions()).isNotEmpty();
        // face, then no face: assessable first, cannot assess at the end with no emotions claimed
        List<BedStatus> fn = rec.of("fn");
        assertThat(fn.stream().filter(s -> s.t() > 0.5 && s.t() < 2.5)).allMatch(s -> s.assessability() == Assessability.OK);
        BedStatus end = fn.get(fn.size() - 1);
        assertThat(end.state()).isEqualTo(BedState.CANNOT_ASSESS);
        assertThat(end.emotions()).isEmpty();
        // the face went away at ~3 s; "cannot assess" follows within the grace period plus one tick
        double lostAt = fn.stream().filter(s -> s.assessability() != Assessability.OK && s.t() > 1).mapToDouble(BedStatus::t).min().orElseThrow();
        assertThat(lostAt).isBetween(2.5, 4.5);
        // every frame of both VFR HEVC files decoded
        assertThat(p.stats().bed("nf").frames.sum()).isGreaterThan(150);
        assertThat(p.stats().bed("fn").frames.sum()).isGreaterThan(150);
        assertThat(rec.sources).anyMatch(s -> s[0].equals("nf") && s[1].equals("ended"));
    }

    @Test
    void passersByInACrowdNeverBecomeThePatientWhenABedRegionIsSet(@TempDir Path tmp) throws Exception {
        Path crowd = ClipRun.video("facenet-pytorch_video.mp4");
        // The bed region: the top middle of the frame (the opera house sign), where nobody's face stays.
        RecordingListener withRegion = new RecordingListener();
        Pipeline p = ClipRun.run(ClipRun.fast(List.of(SourceSpec.parse("ward", crowd.toString())), 4)
                .toBuilder().regions(Map.of("ward", org.vigil.track.BedRegion.parse("0.35,0.0,0.3,0.4"))).build(), model, null, withRegion);
        long faces = p.stats().bed("ward").faces.sum();
        System.out.printf("crowd 1080p: %d frames, %d faces, %.1f fps (fast mode, %s)%n", p.stats().bed("ward").frames.sum(),
                faces, p.stats().bed("ward").fps(), p.stats().stageMillis());
        assertThat(faces).isGreaterThan(100); // many passers-by were detected...
        assertThat(withRegion.statuses).isNotEmpty();
        assertThat(withRegion.statuses).allMatch(s -> s.patient() == null && s.state() == BedState.CANNOT_ASSESS);
        assertThat(p.stats().bed("ward").patientFrames.sum()).isZero(); // ...and none was taken for the patient

        // Without a region the largest steady face is chosen: the same crowd then does give a "patient".
        RecordingListener noRegion = new RecordingListener();
        ClipRun.run(ClipRun.fast(List.of(SourceSpec.parse("ward", crowd.toString())), 4), model, null, noRegion);
        assertThat(noRegion.statuses).anyMatch(s -> s.patient() != null);
    }

    @Test
    void liveViewsGetFrameCopiesAtAReducedRateWithTheFaces(@TempDir Path tmp) throws Exception {
        List<FrameSnapshot> frames = new java.util.concurrent.CopyOnWriteArrayList<>();
        Pipeline p = new Pipeline(ClipRun.fast(List.of(SourceSpec.parse("bed-1", ClipRun.video("pyfeat_single_face.mp4").toString())), 4),
                model, null);
        p.addListener(new PipelineListener() {
            @Override
            public void onFrame(FrameSnapshot f) {
                frames.add(f);
            }
        }, true);
        p.start();
        p.awaitSources(2, java.util.concurrent.TimeUnit.MINUTES);
        p.close();
        // 2.4 s of video at 5 snapshots per second of stream time
        assertThat(frames.size()).isBetween(10, 14);
        FrameSnapshot last = frames.get(frames.size() - 1);
        assertThat(last.image().getWidth()).isEqualTo(640);
        assertThat(last.image().getHeight()).isEqualTo(360);
        assertThat(last.faces()).isNotEmpty();
        assertThat(last.patient()).isNotNull();
        assertThat(frames.get(0).image()).isNotSameAs(last.image()); // copies, not one reused buffer
    }

    @Test
    void aDarkRoomIsLowLightNotAGuess(@TempDir Path tmp) throws Exception {
        // The smiling-man clip at a quarter of its brightness: a night-time ward without a lamp.
        Path dark = tmp.resolve("dark.mp4");
        try (org.bytedeco.javacv.FFmpegFrameGrabber g = new org.bytedeco.javacv.FFmpegFrameGrabber(
                ClipRun.video("pyfeat_single_face.mp4").toFile())) {
            g.start();
            org.bytedeco.javacv.OpenCVFrameConverter.ToMat conv = new org.bytedeco.javacv.OpenCVFrameConverter.ToMat();
            try (org.bytedeco.javacv.FFmpegFrameRecorder r = new org.bytedeco.javacv.FFmpegFrameRecorder(dark.toFile(),
                    g.getImageWidth(), g.getImageHeight(), 0);
                 org.bytedeco.opencv.opencv_core.Mat dim = new org.bytedeco.opencv.opencv_core.Mat()) {
                r.setFormat("mp4");
                r.setVideoCodec(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4);
                r.setFrameRate(g.getFrameRate());
                r.setVideoQuality(2);
                r.start();
                org.bytedeco.javacv.Frame f;
                while ((f = g.grabImage()) != null) {
                    conv.convert(f).convertTo(dim, -1, 0.25, 0);
                    r.record(conv.convert(dim));
                }
                r.stop();
            }
            g.stop();
        }
        RecordingListener rec = new RecordingListener();
        ClipRun.run(ClipRun.fast(List.of(SourceSpec.parse("dark", dark.toString())), 8), model, ClipRun.shortRules(tmp), rec);
        rec.statuses.forEach(s -> System.out.printf("dark t=%4.2f %s %s%n", s.t(), s.state(), s.assessability()));
        assertThat(rec.statuses).isNotEmpty();
        assertThat(rec.statuses).allMatch(s -> s.state() == BedState.CANNOT_ASSESS && s.emotions().isEmpty());
        assertThat(rec.statuses).anyMatch(s -> s.assessability() == Assessability.LOW_LIGHT);
    }

    private static int indexOf(List<BedStatus> l, Assessability a) {
        for (int i = 0; i < l.size(); i++) if (l.get(i).assessability() == a) return i;
        return -1;
    }

    static String top(Map<String, Double> e) {
        return e.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    static String top3(Map<String, Double> e) {
        return e.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(3)
                .map(x -> String.format("%s %.2f", x.getKey(), x.getValue())).toList().toString();
    }

    static List<JsonNode> readLines(Path f) throws Exception {
        ObjectMapper m = new ObjectMapper();
        return Files.readAllLines(f).stream().map(l -> {
            try {
                return m.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
    }
}
