package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WardFileTest {
    @TempDir
    Path dir;

    @Test
    void reads_beds_in_order_and_resolves_relative_files() throws Exception {
        Files.writeString(dir.resolve("bed2.mp4"), "x");
        Path f = dir.resolve("ward.yaml");
        Files.writeString(f, """
                ward: Ward 3 East
                public: true
                beds:
                  - name: Bed 1
                    source: camera:0
                  - name: Bed 2
                    source: bed2.mp4
                  - name: Bed 3
                    source: rtsp://cam3.local/stream
                """);
        WardFile w = WardFile.load(f);
        assertThat(w.name()).isEqualTo("Ward 3 East");
        assertThat(w.publicView()).isTrue();
        assertThat(w.beds()).extracting(WardFile.Bed::name).containsExactly("Bed 1", "Bed 2", "Bed 3");
        assertThat(w.beds().get(1).source()).isEqualTo(dir.resolve("bed2.mp4").toString());
        assertThat(w.beds().get(2).source()).isEqualTo("rtsp://cam3.local/stream");

        var o = new DashboardApp.Options(List.of(), List.of(), f, null, null, false, null, false);
        assertThat(DashboardApp.bedSources(o, w)).containsKeys("Bed 1", "Bed 2", "Bed 3");
    }

    @Test
    void errors_name_the_file_and_the_bad_entry() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "beds:\n  - name: Bed 1\n  - name: Bed 1\n    source: camera:1\n");
        assertThatThrownBy(() -> WardFile.load(f)).isInstanceOf(IOException.class)
                .hasMessageContaining("bad.yaml").hasMessageContaining("'Bed 1' has no source");
        Files.writeString(f, "beds:\n  - name: A\n    source: camera:0\n  - name: A\n    source: camera:1\n");
        assertThatThrownBy(() -> WardFile.load(f)).hasMessageContaining("'A' appears twice");
        Files.writeString(f, "beds: [\n");
        assertThatThrownBy(() -> WardFile.load(f)).hasMessageContaining("not valid YAML at line");
    }

    @Test
    void without_ward_or_source_the_default_camera_is_used() {
        var o = new DashboardApp.Options(List.of(), List.of(), null, null, null, false, null, false);
        assertThat(DashboardApp.bedSources(o, null)).containsExactly(java.util.Map.entry("Bed 1", "camera:0"));
        var two = new DashboardApp.Options(List.of("a.mp4", "camera:1"), List.of("Window bed"), null, null, null,
                false, null, false);
        assertThat(DashboardApp.bedSources(two, null)).containsExactly(java.util.Map.entry("Window bed", "a.mp4"),
                java.util.Map.entry("Bed 2", "camera:1"));
    }
}
