package org.vigil.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vigil.alerts.AlertManager;
import org.vigil.capture.SourceSpec;
import org.vigil.classify.EmotionLabels;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.KerasImporter;
import org.vigil.classify.Preprocessing;
import org.vigil.base.Defaults;
import org.vigil.rules.AlarmEngine;
import org.vigil.rules.ConfigLoader;
import org.vigil.rules.RuleEngine;
import org.vigil.testing.SharedFiles;

/** Runs the real pipeline on real clips at full speed, with the Keras reference model and real YAML rules. */
final class ClipRun {
    /** Short thresholds so a 20 s clip can alert: angry+sad >= 0.5 held 3 s, ends below 0.4 for 2 s. */
    static final String SHORT_RULES = """
            version: 1
            rules:
              - id: distress
                emotions: [angry, sad]
                combine: sum
                start: 0.5
                end: 0.4
                persist: 3s
                clear_after: 2s
                grace: 2s
                priority: medium
                cooldown: 1m
            technical:
              camera_offline_after: 2s
              not_visible_after: 1m
            """;

    private ClipRun() {}

    static EmotionModel referenceModel() {
        return KerasImporter.importModel(SharedFiles.require("models/keras/fer2013_mini_XCEPTION.102-0.66.hdf5"),
                EmotionLabels.FER7, Preprocessing.SYMMETRIC);
    }

    static RuleEngine shortRules(Path dir) throws Exception {
        Files.writeString(dir.resolve("rules.yaml"), SHORT_RULES);
        Clock c = Clock.systemUTC();
        return new AlarmEngine(ConfigLoader.loadDirectory(dir), AlertManager.inMemory(c), c);
    }

    static Path video(String name) {
        return SharedFiles.require("data/videos/" + name);
    }

    static PipelineConfig fast(List<SourceSpec> sources, double classifyFps) {
        return PipelineConfig.builder(sources, false)
                .detector(Defaults.YUNET, SharedFiles.require(Defaults.SHARED_YUNET))
                .classifyFps(classifyFps)
                .build();
    }

    /** Runs to the end of every source; returns the pipeline (closed) with its stats. */
    static Pipeline run(PipelineConfig config, EmotionModel model, RuleEngine rules, PipelineListener... listeners)
            throws InterruptedException {
        Pipeline p = new Pipeline(config, model, rules);
        for (PipelineListener l : listeners) p.addListener(l);
        p.start();
        boolean ended = p.awaitSources(3, TimeUnit.MINUTES);
        p.close();
        if (!ended) throw new AssertionError("pipeline did not finish within 3 minutes");
        return p;
    }

    static Path copyPrefix(Path src, Path dst, double fraction) throws IOException {
        byte[] all = Files.readAllBytes(src);
        byte[] part = java.util.Arrays.copyOf(all, (int) (all.length * fraction));
        return Files.write(dst, part);
    }
}
