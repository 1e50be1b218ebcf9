package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.testing.SharedFiles;

/**
 * Behaviour is kept through refactoring: {@code ./run.sh monitor --fast} on shared clips (default
 * model and detector, sensitive preset so the crying clip raises an alert) must give the same JSON
 * lines as the recorded ones in {@code src/test/resources/golden/}, apart from wall-clock timings and alert ids.
 * A deliberate change of behaviour (a new model, a new crop) re-records them with
 * {@code mvn verify -Dtest=MonitorGoldenTest -Dvigil.golden=update} and the diff goes into the commit.
 */
class MonitorGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    /** Wall-clock timings and fresh identities: not decided by the pipeline's logic. */
    static final Set<String> NOT_REPRODUCIBLE = Set.of("fps", "wall_s", "mean_fps", "latency_ms_p50", "latency_ms_p99",
            "stage_ms", "alert_id", "at");
    /** Scores are rounded to 4 decimals; a different BLAS kernel may move the last digit. */
    static final double SCORE_TOLERANCE = 0.002;

    @ParameterizedTest
    @ValueSource(strings = {"pyfeat_WolfgangLanger_Pexels.mp4", "pyfeat_face_noface.mov"})
    void monitorGivesTheRecordedLines(String clip) throws Exception {
        Path source = SharedFiles.require("data/videos/" + clip);
        String bed = clip.substring(0, clip.lastIndexOf('.'));
        MonitorCommandTest.Run r = MonitorCommandTest.run("monitor", "--headless", "--fast", "--source", source.toString(),
                "--bed", bed, "--rules", "alerts-config/presets/sensitive.yaml", "--status-every", "0.2",
                "--alerts-db", "none");
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> now = r.lines().stream().map(MonitorGoldenTest::withoutTimings).toList();
        Path golden = GOLDEN.resolve(bed + ".jsonl");
        if ("update".equals(System.getProperty("vigil.golden"))) {
            Files.createDirectories(GOLDEN);
            ObjectMapper m = new ObjectMapper();
            List<String> text = new ArrayList<>();
            for (JsonNode n : now) text.add(m.writeValueAsString(n));
            Files.write(golden, text);
        }
        assertThat(golden).as("recorded lines (re-record with -Dvigil.golden=update)").exists();
        List<JsonNode> was = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        for (String l : Files.readAllLines(golden)) was.add(m.readTree(l));
        assertThat(now).as("number of lines for " + clip).hasSameSizeAs(was);
        for (int i = 0; i < was.size(); i++) compare(golden + " line " + (i + 1), was.get(i), now.get(i));
        assertThat(now).as("the crying clip must exercise an alert")
                .anyMatch(n -> !clip.contains("WolfgangLanger") || n.path("type").asText().equals("alert"));
    }

    static JsonNode withoutTimings(JsonNode n) {
        JsonNode copy = n.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove(NOT_REPRODUCIBLE);
            // file names in messages: where the shared data lives differs between machines
            String root = SharedFiles.root().toString();
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String f : names) {
                if (o.get(f).isTextual()) o.put(f, o.get(f).asText().replace(root, "$VIGIL_SHARED"));
            }
            o.elements().forEachRemaining(MonitorGoldenTest::strip);
        }
    }

    private static void compare(String where, JsonNode was, JsonNode now) {
        if (was.isNumber() && now.isNumber()) {
            if (Math.abs(was.asDouble() - now.asDouble()) > SCORE_TOLERANCE) fail(where + ": was " + was + ", now " + now);
            return;
        }
        if (was.isObject() && now.isObject()) {
            List<String> a = new ArrayList<>(), b = new ArrayList<>();
            was.fieldNames().forEachRemaining(a::add);
            now.fieldNames().forEachRemaining(b::add);
            if (!a.equals(b)) fail(where + ": fields were " + a + ", now " + b);
            for (Iterator<Map.Entry<String, JsonNode>> it = was.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                compare(where + " ." + e.getKey(), e.getValue(), now.get(e.getKey()));
            }
            return;
        }
        if (was.isArray() && now.isArray() && was.size() == now.size()) {
            for (int i = 0; i < was.size(); i++) compare(where + "[" + i + "]", was.get(i), now.get(i));
            return;
        }
        if (!was.equals(now)) fail(where + ": was " + was + ", now " + now);
    }
}
