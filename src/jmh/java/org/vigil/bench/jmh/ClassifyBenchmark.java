package org.vigil.bench.jmh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.vigil.base.Defaults;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.ModelLoader;
import org.vigil.detect.FaceCrop;

/**
 * The shipped model on the real face crop: one face (a bed's classification) and a batch of 8 (the
 * decision thread batches faces across beds). Includes the temperature step every engine applies.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ClassifyBenchmark {
    @Param({Defaults.MODEL_TEXT})
    public String model;
    @Param({"1", "8"})
    public int batch;

    private EmotionModel m;
    private List<byte[]> faces;

    @Setup
    public void setUp() throws Exception {
        ClipFace clip = ClipFace.load();
        m = ModelLoader.load(Path.of(model));
        byte[] crop = FaceCrop.forModel(m.metadata()).crop(clip.frame, clip.face);
        faces = new ArrayList<>();
        for (int i = 0; i < batch; i++) faces.add(crop);
    }

    @TearDown
    public void tearDown() {
        m.close();
    }

    @Benchmark
    public float[][] predict() {
        return m.predict(faces);
    }
}
