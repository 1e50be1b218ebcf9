package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.testing.Cli;
import org.vigil.testing.FerPlusSample;

/** evaluate --ensemble, run as ./run.sh runs it, on 200 real FER+ test faces with the two shipped 4-class models. */
class EvaluateEnsembleTest {
    static final String RESNET = "models/vigil-ferplus4-resnet.vigil", COMPACT = "models/vigil-ferplus4-compact.vigil";
    @TempDir static Path tmp;
    static Path ferplus;

    @BeforeAll
    static void smallFerPlus() throws Exception {
        ferplus = FerPlusSample.copy("test", 200, tmp.resolve("ferplus-small"));
    }

    @Test
    void theEnsembleIsReportedBesideItsMembersWithAndWithoutMirrorAveraging() throws Exception {
        Cli.Run ev = Cli.run("evaluate", "--data", ferplus.toString(), "--classes", "4", "-m", RESNET, "-m", COMPACT,
                "--ensemble", "--flip-tta", "--json");
        assertThat(ev.code()).as(ev.err()).isZero();
        List<JsonNode> rows = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String line : ev.out().lines().filter(l -> l.startsWith("{")).toList()) rows.add(mapper.readTree(line));
        assertThat(rows).extracting(r -> r.get("model").asText()).containsExactly(
                "vigil-ferplus4-resnet", "vigil-ferplus4-resnet+flip", "vigil-ferplus4-compact", "vigil-ferplus4-compact+flip",
                "mean(vigil-ferplus4-resnet + vigil-ferplus4-compact)", "mean(vigil-ferplus4-resnet + vigil-ferplus4-compact)+flip");
        JsonNode mean = rows.get(4);
        assertThat(mean.get("file").asText()).isEqualTo(RESNET + " + " + COMPACT);
        assertThat(mean.get("images").asInt()).isEqualTo(rows.get(0).get("images").asInt()).isPositive();
        // the members were calibrated; the mean of calibrated answers is not scaled again
        assertThat(mean.get("temperature").asDouble()).isEqualTo(1.0);
        // an ensemble of two good readers reads these faces far above chance (4 classes: 25 %)
        assertThat(mean.get("accuracy").asDouble()).isGreaterThan(0.7);
    }

    @Test
    void modelsThatAnswerOtherClassesCannotBeAveraged() {
        Cli.Run ev = Cli.run("evaluate", "--data", ferplus.toString(), "--classes", "4", "-m", COMPACT,
                "-m", "models/vigil-ferplus7-compact.vigil", "--ensemble");
        assertThat(ev.code()).isNotZero();
        assertThat(ev.err()).contains("different classes", "vigil-ferplus7-compact");
    }
}
