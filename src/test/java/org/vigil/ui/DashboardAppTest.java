package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command-line choices to beds, and the alerts configuration as the dashboard shows it (headless). */
class DashboardAppTest {
    @TempDir
    Path dir;

    private static DashboardApp.Options opts(List<String> sources, List<String> beds, Path ward, boolean pub) {
        return new DashboardApp.Options(sources, beds, ward, null, null, false, null, pub);
    }

    @Test
    void without_ward_or_source_the_default_camera_is_used() {
        assertThat(DashboardApp.beds(opts(List.of(), List.of(), null, false)).sources())
                .containsExactly(Map.entry("bed-1", "camera:0"));
        assertThat(DashboardApp.beds(opts(List.of("a.mp4", "camera:1"), List.of("Window bed"), null, false)).sources())
                .containsExactly(Map.entry("Window bed", "a.mp4"), Map.entry("bed-2", "camera:1"));
    }

    @Test
    void a_ward_file_gives_beds_in_order_and_can_mark_the_screen_public() throws Exception {
        Path f = dir.resolve("ward.yaml");
        Files.writeString(f, """
                ward: Ward 3 East
                public: true
                beds:
                  - bed: Bed 1
                    source: camera:0
                  - bed: Bed 2
                    source: rtsp://cam2.local/stream
                    region: 0.2,0.1,0.6,0.8
                """);
        DashboardApp.Beds b = DashboardApp.beds(opts(List.of("ignored.mp4"), List.of(), f, false));
        assertThat(b.wardName()).isEqualTo("Ward 3 East");
        assertThat(b.publicView()).isTrue();
        assertThat(b.sources()).containsExactly(Map.entry("Bed 1", "camera:0"), Map.entry("Bed 2", "rtsp://cam2.local/stream"));
        assertThat(b.regions()).containsOnlyKeys("Bed 2");
        Files.writeString(f, "beds:\n  - bed: A\n");
        assertThatThrownBy(() -> DashboardApp.beds(opts(List.of(), List.of(), f, false)))
                .hasMessageContaining("ward.yaml").hasMessageContaining("missing 'source'");
    }

    @Test
    void alerts_are_durable_by_default_only_when_a_bed_is_live() {
        var files = DashboardApp.beds(opts(List.of("a.mp4", "b.mov"), List.of(), null, false));
        var live = DashboardApp.beds(opts(List.of("a.mp4", "camera:0"), List.of(), null, false));
        assertThat(DashboardApp.alertsDb(null, files)).isNull();
        assertThat(DashboardApp.alertsDb(null, live)).isEqualTo(org.vigil.base.Defaults.ALERTS_DB);
        assertThat(DashboardApp.alertsDb("none", live)).isNull();
        assertThat(DashboardApp.alertsDb("x.db", files)).isEqualTo(Path.of("x.db"));
    }

    @Test
    void the_shipped_alerts_config_loads_and_reads_as_thresholds() {
        AlertsSetup a = AlertsSetup.load(Path.of("alerts-config"));
        assertThat(a.errors()).isEmpty();
        assertThat(a.describe("Bed 1")).contains("distress").contains("angry+sad").contains("0.70").contains("within");
        assertThat(a.alertThreshold("Bed 1")).isEqualTo(0.70);
    }

    @Test
    void a_wrong_config_reports_file_line_and_value() throws Exception {
        Path f = dir.resolve("rules.yaml");
        Files.writeString(f, Files.readString(Path.of("alerts-config/rules.yaml")).replace("start: 0.70", "start: 1.7"));
        AlertsSetup a = AlertsSetup.load(f);
        assertThat(a.rules()).isNull();
        assertThat(a.errors()).isNotEmpty();
        assertThat(a.errors().get(0)).contains("rules.yaml:").contains("1.7");
        assertThat(a.describe("Bed 1")).contains("errors");
        assertThat(a.alertThreshold("Bed 1")).isNaN();
    }
}
