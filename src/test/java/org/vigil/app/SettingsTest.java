package org.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.base.Defaults;
import org.vigil.capture.SourceSpec;
import org.vigil.pipeline.PipelineConfig;

/** The composition root's settings: one answer per default. */
class SettingsTest {

    @Test
    void beds_are_bed_N_and_read_Bed_N() {
        assertThat(Defaults.bedId(0)).isEqualTo("bed-1");
        assertThat(Defaults.bedLabel(Defaults.bedId(11))).isEqualTo("Bed 12");
        assertThat(Defaults.bedLabel("Window bed")).isEqualTo("Window bed");
        assertThat(Defaults.bedLabel("bed-a")).isEqualTo("bed-a");
    }

    @Test
    void the_alert_database_is_durable_only_for_live_sources_unless_given() {
        assertThat(Defaults.alertsDb(null, true)).isEqualTo(Defaults.ALERTS_DB);
        assertThat(Defaults.alertsDb(null, false)).isNull();
        assertThat(Defaults.alertsDb("none", true)).isNull();
        assertThat(Defaults.alertsDb("x.db", false)).isEqualTo(Path.of("x.db"));
        Settings files = Settings.builder().sources(List.of(SourceSpec.parse("bed-1", "a.mp4"))).build();
        Settings camera = Settings.builder().sources(List.of(SourceSpec.parse("bed-1", "camera:0"))).build();
        assertThat(files.alertsDbFile()).isNull();
        assertThat(camera.alertsDbFile()).isEqualTo(Defaults.ALERTS_DB);
    }

    @Test
    void default_settings_give_the_pipeline_defaults_with_the_default_detector() {
        List<SourceSpec> src = List.of(SourceSpec.parse("bed-1", "a.mp4"));
        Detection det = Detection.defaults();
        PipelineConfig expected = PipelineConfig.builder(src, true).detector(det.kind(), det.yunetModel()).build();
        assertThat(Vigil.pipelineConfig(Settings.builder().sources(src).build())).isEqualTo(expected);
        assertThat(expected.decision().classifyFps()).isEqualTo(Defaults.CLASSIFY_FPS);
        assertThat(expected.decision().buildingLevel()).isEqualTo(Defaults.BUILDING_LEVEL);
        assertThat(expected.detection().minFacePx()).isEqualTo(Defaults.MIN_FACE_PX);
    }

    @Test
    void detect_size_and_detector_choices_are_checked() {
        assertThat(Settings.parseDetectSize("auto")).isEqualTo(-1);
        assertThat(Settings.parseDetectSize("0")).isZero();
        assertThatThrownBy(() -> Settings.parseDetectSize("-3")).hasMessageContaining("--detect-size");
        assertThat(Detection.resolve("haar", null)).isEqualTo(new Detection(Defaults.HAAR, null));
        assertThatThrownBy(() -> Detection.resolve("cnn", null)).hasMessageContaining("haar or yunet");
    }
}
