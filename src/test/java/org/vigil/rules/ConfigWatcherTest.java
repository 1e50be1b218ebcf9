package org.vigil.rules;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertManager;
import org.vigil.alerts.AlertTransition;

/** Hot reload on real files: a broken edit keeps the last good config and reports where it is broken. */
class ConfigWatcherTest {
    static final String GOOD = "version: 1\nrules:\n  - id: distress\n    start: 0.6\n    end: 0.45\n    persist: 20\n";

    @Test
    void badEditKeepsLastGoodConfigAndGoodEditAppliesWithADiff(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, GOOD);
        AlarmEngine engine = new AlarmEngine(ConfigLoader.loadDirectory(dir), AlertManager.inMemory(AlarmEngineTest.DAY), AlarmEngineTest.DAY);
        ConfigWatcher w = new ConfigWatcher(dir, engine, AlarmEngineTest.DAY);
        List<ConfigStatus> published = Collections.synchronizedList(new ArrayList<>());
        w.subscribe(published::add);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(ConfigWatcher.class)).addAppender(logs);

        assertThat(w.checkNow().ok()).isTrue();
        assertThat(published).isEmpty(); // nothing changed

        Timeline tl = new Timeline(engine, "bed-1", 0);
        tl.sad(10, 0.8);
        // an admin saves a typo: rejected, located, the running rule is untouched
        Files.writeString(file, GOOD.replace("end: 0.45", "end: 0.45\n    persist_s: 5"));
        ConfigStatus bad = w.checkNow();
        assertThat(bad.ok()).isFalse();
        assertThat(bad.errors()).singleElement().hasToString(file + ":6:5: unknown key 'persist_s' in a rule (expected one of: "
                + "clear_after, combine, cooldown, description, emotions, enabled, end, escalation, grace, id, kind, latched, "
                + "persist, priority, reraise_after, start, within); did you mean 'persist'?");
        assertThat(engine.rules().rules().get(0).persist()).isEqualTo(20.0);
        assertThat(published).last().isEqualTo(bad);
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("rejected, keeping the last good configuration").contains("rules.yaml:6:5"));
        List<AlertEvent> ev = tl.sad(11, 0.8);
        assertThat(ev).extracting(AlertEvent::transition).containsExactly(AlertTransition.RAISED); // old rule still at work

        // the fix applies without a restart and the log shows what changed
        Files.writeString(file, GOOD.replace("start: 0.6", "start: 0.7").replace("persist: 20", "persist: 30"));
        ConfigStatus fixed = w.checkNow();
        assertThat(fixed.ok()).isTrue();
        assertThat(fixed.lastDiff()).containsExactly("~ rules[distress].persist: 20 -> 30", "~ rules[distress].start: 0.6 -> 0.7");
        assertThat(engine.rules().rules().get(0).start()).isEqualTo(0.7);
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains("2 change(s)").contains("~ rules[distress].start: 0.6 -> 0.7"));
    }

    @Test
    void pollingPicksUpChangesOnItsOwn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, GOOD);
        AlarmEngine engine = new AlarmEngine(ConfigLoader.loadDirectory(dir), AlertManager.inMemory(AlarmEngineTest.DAY), AlarmEngineTest.DAY);
        try (ConfigWatcher w = new ConfigWatcher(dir, engine, AlarmEngineTest.DAY)) {
            w.start(Duration.ofMillis(50));
            Files.writeString(file, GOOD.replace("start: 0.6", "start: 0.65"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (engine.rules().rules().get(0).start() != 0.65 && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(engine.rules().rules().get(0).start()).isEqualTo(0.65);
        }
    }
}
