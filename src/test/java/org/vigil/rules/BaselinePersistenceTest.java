package org.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertStore;
import org.vigil.alerts.AlertTransition;

/** A learned baseline survives a restart (same database), and recalibration forgets it. */
class BaselinePersistenceTest {
    static final String YAML = AlarmEngineTest.BASIC + """
            beds:
              bed-1:
                baseline: {enabled: true, calibration: 60, alert_during_calibration: true}
            """;

    @Test
    void restartKeepsTheRestingExpressionUntilRecalibrated(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("alerts.db");
        try (AlertManager m = new AlertManager(new AlertStore(db), AlarmEngineTest.DAY)) {
            AlarmEngine e = new AlarmEngine(AlarmEngineTest.config(YAML), m, AlarmEngineTest.DAY);
            new Timeline(e, "bed-1", 0).sad(61, 0.5); // below start: calibrates quietly, resting sad 0.5
            assertThat(e.baseline("bed-1")).containsKey("sad");
        }
        try (AlertManager m = new AlertManager(new AlertStore(db), AlarmEngineTest.DAY)) {
            AlarmEngine e = new AlarmEngine(AlarmEngineTest.config(YAML), m, AlarmEngineTest.DAY);
            Timeline tl = new Timeline(e, "bed-1", 0);
            tl.sad(60, 0.7); // raw 0.7 would alert; relative to rest (0.7-0.5)/0.5 = 0.4 does not
            assertThat(tl.events).isEmpty();
            assertThat(e.baseline("bed-1").get("sad")).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
            e.recalibrate("bed-1"); // a new patient
            assertThat(AlarmEngineTest.of(tl.sad(25, 0.7), AlertTransition.RAISED)).hasSize(1); // raw scores while learning
        }
        try (AlertManager m = new AlertManager(new AlertStore(db), AlarmEngineTest.DAY)) {
            assertThat(m.store().baselines()).doesNotContainKey("bed-1");
        }
    }
}
