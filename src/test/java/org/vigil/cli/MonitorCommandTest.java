package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.testing.Cli;
import org.vigil.testing.SharedFiles;
import picocli.CommandLine;

/** The monitor command as users run it: options, JSON lines on stdout and in the file, exit codes. */
class MonitorCommandTest {
    record Run(int code, List<JsonNode> lines, String err) {}

    static Run run(String... args) throws Exception {
        Cli.Run r = Cli.run(args);
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        for (String l : r.out().split("\n")) if (l.startsWith("{")) lines.add(m.readTree(l));
        return new Run(r.code(), lines, r.err());
    }

    @Test
    void monitorsTwoBedsFromFilesAndEndsWithASummary(@TempDir Path tmp) throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("rules.yaml"), "version: 1\nrules:\n  - {id: distress, emotions: [angry, sad], start: 0.5, end: 0.4, persist: 3s}\n");
        Path out = tmp.resolve("runs/out.jsonl");
        String clip = SharedFiles.require("data/videos/pyfeat_single_face.mp4").toString();
        Run r = run("monitor", "--headless", "--fast", "--source", clip, "--source", tmp.resolve("gone.mp4").toString(),
                "--bed", "bed-1", "--bed", "bed-2", "--model",
                SharedFiles.require("models/keras/fer2013_mini_XCEPTION.102-0.66.hdf5").toString(),
                "--detector", "haar", "--classify-fps", "4", "--rules", rules.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("video file not found");
        assertThat(r.lines()).allMatch(l -> l.has("type") && l.has("bed") && l.has("t"));
        assertThat(r.lines()).anyMatch(l -> l.get("type").asText().equals("status") && l.get("bed").asText().equals("bed-1")
                && l.get("state").asText().equals("calm"));
        assertThat(r.lines()).anyMatch(l -> l.get("type").asText().equals("technical") && l.get("bed").asText().equals("bed-2")
                && l.get("source_state").asText().equals("offline"));
        JsonNode summary = r.lines().get(r.lines().size() - 1);
        assertThat(summary.get("type").asText()).isEqualTo("summary");
        assertThat(summary.get("frames").asLong()).isEqualTo(72);
        assertThat(summary.get("alerts").asLong()).isZero();
        // the same lines were appended to the file
        assertThat(Files.readAllLines(out)).hasSize(r.lines().size());
    }

    @Test
    void clearErrorsForMissingOptionsAndFiles(@TempDir Path tmp) throws Exception {
        String clip = SharedFiles.require("data/videos/pyfeat_single_face.mp4").toString();
        Run noHeadless = run("monitor", "--source", clip);
        assertThat(noHeadless.code()).isEqualTo(2);
        assertThat(noHeadless.err()).contains("--headless");
        Run badModel = run("monitor", "--headless", "--source", clip, "--model", tmp.resolve("nope.vigil").toString());
        assertThat(badModel.code()).isEqualTo(2);
        assertThat(badModel.err()).contains("nope.vigil").contains("not found");
        Run badRegion = run("monitor", "--headless", "--source", clip, "--bed-region", "0.5,0.5,0.9,0.1");
        assertThat(badRegion.code()).isEqualTo(2);
        assertThat(badRegion.err()).contains("x+w <= 1");
        Run badYunet = run("monitor", "--headless", "--source", clip, "--detector", "yunet", "--yunet-model", tmp.resolve("y.onnx").toString());
        assertThat(badYunet.code()).isEqualTo(2);
        assertThat(badYunet.err()).contains("y.onnx");
        // Commands that let the mistake through to the top get one line naming it, not a stack trace.
        Run badDetector = run("predict", "--detector", "foo", tmp.resolve("x.png").toString());
        assertThat(badDetector.code()).isEqualTo(2);
        assertThat(badDetector.err()).contains("vigil predict: --detector foo: use haar or yunet").doesNotContain("\tat ");
    }

    @Test
    void loopedClipRunsPastItsEndWithoutATechnicalAlert(@TempDir Path tmp) throws Exception {
        String clip = SharedFiles.require("data/videos/pyfeat_single_face.mp4").toString(); // 2.4 s
        Run r = run("monitor", "--headless", "--fast", "--loop", "--duration", "6.5", "--source", clip, "--bed", "bed-1",
                "--model", SharedFiles.require("models/keras/fer2013_mini_XCEPTION.102-0.66.hdf5").toString(),
                "--detector", "haar", "--classify-fps", "4", "--status-every", "0.25", "--rules", "alerts-config",
                "--alerts-db", "none", "--out", "none");
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> status = r.lines().stream().filter(l -> l.get("type").asText().equals("status")).toList();
        assertThat(status.get(status.size() - 1).get("t").asDouble()).isGreaterThan(6.0);
        for (int i = 1; i < status.size(); i++) {
            assertThat(status.get(i).get("t").asDouble()).as("status line %d", i).isGreaterThan(status.get(i - 1).get("t").asDouble());
        }
        // the restarts are not source trouble: no ended/offline/reconnecting line, no technical alert
        assertThat(r.lines()).filteredOn(l -> l.get("type").asText().equals("technical"))
                .extracting(l -> l.get("source_state").asText()).containsExactly("connecting", "running");
        assertThat(r.lines()).noneMatch(l -> l.get("type").asText().equals("alert"));
        JsonNode summary = r.lines().get(r.lines().size() - 1);
        assertThat(summary.get("type").asText()).isEqualTo("summary");
        assertThat(summary.get("technical_alerts").asLong()).isZero();
        assertThat(summary.get("frames").asLong()).as(r.err()).isEqualTo(196); // 2 x 72 frames, then 4.8 s + k/30 for k = 0..51
    }
}
