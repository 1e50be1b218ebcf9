package org.vigil.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertKind;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertTransition;
import org.vigil.base.Defaults;
import org.vigil.rules.AlarmEngine;
import org.vigil.rules.Assessability;
import org.vigil.rules.ConfigLoader;
import org.vigil.testing.SmallDisk;

/**
 * A disk that fills up while Vigil writes: a real 256 KB tmpfs (we run as root in CI). The JSON-lines
 * file stops growing, monitoring and stdout go on, the technical alert "storage" is raised and
 * ends when space is back, and every line written before is still there, whole.
 */
class DiskFullTest {
    private SmallDisk disk;

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) disk.close();
    }

    private static BedStatus status(double t) {
        return new BedStatus("bed-1", t, BedState.CALM, Assessability.OK, Map.of("happy", 0.7, "sad", 0.1), 0.8, 0.0, null, 10);
    }

    @Test
    void aFullDiskRaisesStorageAndMonitoringGoesOn(@TempDir Path dir) throws Exception {
        disk = SmallDisk.mount(dir, 256);
        Path file = disk.path().resolve("monitor.jsonl");
        AlarmEngine engine = new AlarmEngine(ConfigLoader.loadDirectory(Defaults.RULES), AlertManager.inMemory(Clock.systemUTC()), Clock.systemUTC());
        List<AlertEvent> storage = new ArrayList<>();
        engine.alerts().subscribe(e -> { if (e.kind() == AlertKind.STORAGE) storage.add(e); });
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int written = 0;
        try (JsonLinesOutput out = new JsonLinesOutput(new PrintStream(stdout, true), file, 0, 0.4)) {
            out.onStorageProblem((f, problem) -> {
                if (problem != null) engine.storageProblem(f.toString(), problem);
                else engine.storageRecovered(f.toString());
            });
            // Fill the disk: a filler file takes what is left but a little.
            disk.fill(16 * 1024);
            for (int i = 0; i < 2_000; i++) {
                out.onStatus(status(i));
                written++;
            }
            assertThat(storage).as("storage alert raised").extracting(AlertEvent::transition).containsExactly(AlertTransition.RAISED);
            assertThat(storage.get(0).message()).contains(file.toString());
            // Space comes back: the next line is stored and the alert ends.
            disk.free();
            out.onStatus(status(5_000));
            assertThat(storage).extracting(AlertEvent::transition).containsExactly(AlertTransition.RAISED, AlertTransition.RESOLVED);
        }
        // Monitoring went on: every status reached stdout.
        assertThat(stdout.toString().lines().count()).isEqualTo(written + 1);
        // Nothing stored before is lost or torn: each line in the file is whole JSON, the first and the last one there.
        List<String> lines = Files.readAllLines(file);
        ObjectMapper json = new ObjectMapper();
        for (String l : lines.subList(0, lines.size() - 1)) assertThat(json.readTree(l).get("type").asText()).isEqualTo("status");
        assertThat(json.readTree(lines.get(0)).get("t").asDouble()).isEqualTo(0.0);
        assertThat(json.readTree(lines.get(lines.size() - 1)).get("t").asDouble()).isEqualTo(5000.0);
        assertThat(lines.size()).isBetween(2, written);
    }
}
