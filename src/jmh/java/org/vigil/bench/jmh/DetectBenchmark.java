package org.vigil.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.vigil.base.Defaults;
import org.vigil.detect.FaceBox;
import org.vigil.detect.FaceDetector;
import org.vigil.detect.FaceDetectors;

/** Face detection on one real 640x360 frame: the stage that runs on every frame of every bed. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DetectBenchmark {
    @Param({Defaults.YUNET, Defaults.HAAR})
    public String detector;

    private ClipFace clip;
    private FaceDetector d;

    @Setup
    public void setUp() throws Exception {
        clip = ClipFace.load();
        d = detector.equals(Defaults.YUNET) ? ClipFace.yunet() : FaceDetectors.create(Defaults.HAAR, null, Defaults.DETECT_MAX_SIDE);
    }

    @TearDown
    public void tearDown() {
        d.close();
    }

    @Benchmark
    public List<FaceBox> detect() {
        return d.detect(clip.frame);
    }
}
