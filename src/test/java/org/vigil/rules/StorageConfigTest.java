package org.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.base.Defaults;

class StorageConfigTest {

    @Test
    void theShippedConfigKeepsTheDefaultDays() throws Exception {
        assertThat(ConfigLoader.loadDirectory(Defaults.RULES).storage().keepClosedAlertsDays()).isEqualTo(90);
    }

    @Test
    void keepClosedAlertsDaysIsRead(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("storage.yaml");
        Files.writeString(f, "storage:\n  keep_closed_alerts_days: 30\n");
        RuleSet rs = ConfigLoader.loadFiles(List.of(Defaults.RULES.resolve("rules.yaml"), f));
        assertThat(rs.storage().keepClosedAlertsDays()).isEqualTo(30);
        assertThat(rs.flat()).containsKey("storage.keep_closed_alerts_days");
    }

    @Test
    void aWrongValueNamesTheFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("storage.yaml");
        Files.writeString(f, "storage:\n  keep_closed_alerts_days: 0\n");
        assertThatThrownBy(() -> ConfigLoader.loadFiles(List.of(Defaults.RULES.resolve("rules.yaml"), f)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("storage.yaml:2").hasMessageContaining("keep_closed_alerts_days");
    }
}
