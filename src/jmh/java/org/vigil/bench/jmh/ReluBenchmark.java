package org.vigil.bench.jmh;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.*;
import org.vigil.nd.NativeSetup;

/**
 * Why Vigil's graphs keep ND4J's relu op: written as max(x, 0) it cost the same (docs/benchmarks.md,
 * "Inference graph"). Five chained ReLUs on a batch of 64 maps of 48x48x32, the size of the ResNet's
 * first block.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReluBenchmark {
    @Param({"relu", "max"})
    public String op;

    private SameDiff sd;
    private INDArray input;

    @Setup
    public void setUp() {
        NativeSetup.configure();
        sd = SameDiff.create();
        SDVariable h = sd.placeHolder("in", DataType.FLOAT, -1, 48, 48, 32);
        for (int i = 0; i < 5; i++) {
            h = "relu".equals(op) ? sd.nn.relu(h, 0) : sd.math.max(h, sd.constant(Nd4j.scalar(DataType.FLOAT, 0)));
        }
        h.mean("out", 1, 2, 3);
        input = Nd4j.rand(DataType.FLOAT, 64, 48, 48, 32).subi(0.5);
    }

    @Benchmark
    public INDArray fiveRelus() {
        return sd.output(Map.of("in", input), "out").get("out");
    }
}
