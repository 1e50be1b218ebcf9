package org.vigil.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.vigil.detect.CropFraming;
import org.vigil.detect.FaceCrop;

/** Cutting the model's 48x48 grey input out of the frame (FER framing), per classified face. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CropBenchmark {
    private ClipFace clip;
    private FaceCrop crop;

    @Setup
    public void setUp() throws Exception {
        clip = ClipFace.load();
        crop = new FaceCrop(48, 48, CropFraming.FER, FaceCrop.DEFAULT_ALIGNMENT);
    }

    @Benchmark
    public byte[] crop() {
        return crop.crop(clip.frame, clip.face);
    }
}
