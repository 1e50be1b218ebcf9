package org.vigil.bench.jmh;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.vigil.alerts.AlertEvent;
import org.vigil.alerts.AlertManager;
import org.vigil.base.Defaults;
import org.vigil.pipeline.EmotionSmoother;
import org.vigil.rules.AlarmEngine;
import org.vigil.rules.Assessability;
import org.vigil.rules.ConfigLoader;
import org.vigil.rules.Observation;

/**
 * One decision for one bed: smooth a model output, then the shipped rules (alerts-config) observe it.
 * The scores alternate calm and distress so episodes build, alert and end as on a ward.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecideBenchmark {
    private static final List<String> LABELS = List.of("angry", "happy", "relaxed", "sad");
    private static final float[] CALM = {0.05f, 0.10f, 0.80f, 0.05f};
    private static final float[] SAD = {0.05f, 0.05f, 0.10f, 0.80f};

    private EmotionSmoother smoother;
    private AlarmEngine engine;
    private double t;

    @Setup
    public void setUp() throws Exception {
        smoother = new EmotionSmoother(LABELS, Defaults.SMOOTHING_S);
        engine = new AlarmEngine(ConfigLoader.loadDirectory(Defaults.RULES), AlertManager.inMemory(Clock.systemUTC()), Clock.systemUTC());
    }

    @Benchmark
    public List<AlertEvent> decide() {
        t += 0.2; // the default 5 classifications per second
        smoother.add(t, (long) (t / 60) % 2 == 0 ? CALM : SAD);
        return engine.observe(new Observation("bed-1", t, Assessability.OK, smoother.scores(), 1.0));
    }
}
