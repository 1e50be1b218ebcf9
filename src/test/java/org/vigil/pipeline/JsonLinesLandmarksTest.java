package org.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.detect.FaceBox;
import org.vigil.rules.Assessability;

/** The status line reports the patient's box, landmarks and emotions together. */
class JsonLinesLandmarksTest {
    @Test
    void patientFaceCarriesItsLandmarks() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (JsonLinesOutput out = new JsonLinesOutput(new PrintStream(buf, true), null, 5, 0.5)) {
            FaceBox face = new FaceBox(10, 20, 100, 120, 0.9f, new float[] {40, 60, 80, 61, 60, 85, 45, 105, 78, 104}, 3);
            out.onStatus(new BedStatus("bed-1", 1.0, BedState.CALM, Assessability.OK, Map.of("happy", 0.7, "sad", 0.1),
                    0.8, 0.0, face, 10));
        }
        JsonNode line = new ObjectMapper().readTree(buf.toString().trim());
        JsonNode p = line.get("patient");
        assertThat(p.get("w").asInt()).isEqualTo(100);
        assertThat(p.get("landmarks")).hasSize(10);
        assertThat(p.get("landmarks").get(2).asDouble()).isEqualTo(80.0);
        assertThat(line.get("emotions").get("happy").asDouble()).isEqualTo(0.7);
    }
}
