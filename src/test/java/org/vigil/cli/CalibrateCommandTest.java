package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.classify.ModelFile;
import org.vigil.eval.TemperatureFit;
import org.vigil.testing.Cli;
import org.vigil.testing.FerPlusSample;
import org.vigil.testing.SharedFiles;

/** calibrate and evaluate's calibration figures, run as ./run.sh runs them, on 150 real FER+ faces. */
class CalibrateCommandTest {
    static final Path SHIPPED_MODEL = Path.of("models/vigil-fer7-compact.vigil");
    @TempDir static Path tmp;
    static Path ferplus;

    /** A small FER+ folder: the first 150 rows of valid/label.csv and their images. */
    @BeforeAll
    static void smallFerPlus() throws Exception {
        ferplus = FerPlusSample.copy("valid", 150, tmp.resolve("ferplus-small"));
    }

    @Test
    void calibratesInPlaceAndEvaluateReportsNllEceAndAReliabilityDiagram() throws Exception {
        Path model = tmp.resolve("model.vigil");
        Files.copy(SHIPPED_MODEL, model);
        Cli.Run cal = Cli.run("calibrate", "--model", model.toString(), "--data", ferplus.toString());
        assertThat(cal.code()).as(cal.err()).isZero();
        assertThat(cal.out()).contains("before", "after", "wrote " + model);
        double t = ModelFile.readMetadata(model).temperature();
        assertThat(t).isNotEqualTo(1.0).isBetween(TemperatureFit.MIN_TEMPERATURE, TemperatureFit.MAX_TEMPERATURE);
        assertThat(cal.out()).containsPattern("after\\s+" + String.format(java.util.Locale.ROOT, "%.4f", t).replace(".", "\\."));

        Path report = tmp.resolve("report");
        Cli.Run ev = Cli.run("evaluate", "--data", ferplus.toString(), "-m", model.toString(), "--json", "--out", report.toString());
        assertThat(ev.code()).as(ev.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(ev.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertThat(json.get("temperature").asDouble()).isEqualTo(t);
        assertThat(json.get("ece").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("nll").asDouble()).isPositive();
        assertThat(report.resolve("vigil-fer7-compact-reliability.png")).isNotEmptyFile();
        assertThat(Files.readString(report.resolve("vigil-fer7-compact-report.txt"))).contains("ece ");
    }

    @Test
    void kerasInputNeedsAnOutFileAndOutMustBeAVigilFile() {
        Path h5 = SharedFiles.require("models/keras/fer2013_mini_XCEPTION.102-0.66.hdf5");
        Cli.Run noOut = Cli.run("calibrate", "-m", h5.toString(), "--data", ferplus.toString());
        assertThat(noOut.code()).isEqualTo(2);
        assertThat(noOut.err().strip()).doesNotContain("\n").contains(h5.getFileName().toString(), "--out");
        Cli.Run badOut = Cli.run("calibrate", "-m", SHIPPED_MODEL.toString(), "--data", ferplus.toString(), "--out", tmp.resolve("x.h5").toString());
        assertThat(badOut.code()).isEqualTo(2);
        assertThat(badOut.err()).contains("x.h5", ".vigil");
    }

    @Test
    void kerasInputIsWrittenAsAVigilModelWithItsTemperature() throws Exception {
        Path h5 = SharedFiles.require("models/keras/fer2013_mini_XCEPTION.102-0.66.hdf5");
        Path out = tmp.resolve("mini-calibrated.vigil");
        Cli.Run cal = Cli.run("calibrate", "-m", h5.toString(), "--data", ferplus.toString(), "--out", out.toString());
        assertThat(cal.code()).as(cal.err()).isZero();
        var meta = ModelFile.readMetadata(out);
        assertThat(meta.engine()).isEqualTo("dl4j-graph");
        assertThat(meta.temperature()).isNotEqualTo(1.0);
    }
}
