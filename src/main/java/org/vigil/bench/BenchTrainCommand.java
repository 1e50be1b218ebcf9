package org.vigil.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.base.SharedData;
import org.vigil.nd.NativeSetup;
import org.vigil.train.Architecture;
import org.vigil.train.TrainingSpeedBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** ./run.sh bench train: images/s of the real training step on real data, variants side by side. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Training speed: images/s and minutes per epoch of the real training step (graph, Adam, "
                + "augmentation, batch building, GC) on real images.",
                "Variants run in turn (A B A B ...), so load from other jobs affects them alike; compare them as ratios."})
public class BenchTrainCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "training images (default: $VIGIL_SHARED/data/ferplus/train)")
    Path data;
    @Option(names = "--arch", defaultValue = "compact", description = "compact or resnet; default ${DEFAULT-VALUE}")
    String arch;
    @Option(names = "--classes", defaultValue = "7") int classes;
    @Option(names = "--variant", split = ";", defaultValue = "before;after",
            description = {"variants to compare, ';'-separated: 'before' (hand-written BN ops, batches built inline, "
                    + "GC every 10), 'after' (today's defaults), or key=value,... over today's defaults with keys "
                    + "bn=separate|scale_shift, batch=N, gc=N (0 = never), prefetch=on|off; default ${DEFAULT-VALUE}"})
    List<String> variants;
    @Option(names = "--warmup", defaultValue = "10", description = "untimed steps per variant first; default ${DEFAULT-VALUE}")
    int warmup;
    @Option(names = "--steps", defaultValue = "60", description = "timed steps per variant per round; default ${DEFAULT-VALUE}")
    int steps;
    @Option(names = "--rounds", defaultValue = "2", description = "A B A B ... rounds; default ${DEFAULT-VALUE}")
    int rounds;
    @Option(names = "--profile", paramLabel = "DIR", description = "also write SameDiff's op trace of the first variant here and print its summary")
    Path profileDir;
    @Option(names = "--profile-steps", defaultValue = "5") int profileSteps;

    @Override
    public Integer call() throws Exception {
        Path dir = data != null ? data : SharedData.root().resolve("data/ferplus/train");
        if (!Files.isDirectory(dir)) {
            System.err.println("training data not found: " + dir + " (pass --data or set VIGIL_SHARED)");
            return 2;
        }
        System.out.printf("# Vigil training speed, %s, %s, %d cores, %s, Java %s; load average before: %s%n", LocalDate.now(),
                BenchModelCommand.cpuModel(), Runtime.getRuntime().availableProcessors(), NativeSetup.describe(),
                System.getProperty("java.version"), loadAverage());
        List<TrainingSpeedBench.Variant> vs = variants.stream().map(TrainingSpeedBench.Variant::parse).toList();
        new TrainingSpeedBench(new TrainingSpeedBench.Options(dir, Architecture.parse(arch), classes, vs, warmup, steps,
                rounds, profileDir, profileSteps), System.out).run();
        System.out.printf("load average after: %s%n", loadAverage());
        return 0;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }
}
