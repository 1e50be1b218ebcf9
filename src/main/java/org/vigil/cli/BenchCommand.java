package org.vigil.cli;

import picocli.CommandLine.Command;

/** ./run.sh bench <what>: benchmarks that write their figures for docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: speed figures measured on this machine.",
        subcommands = {BenchPipelineCommand.class, org.vigil.bench.BenchModelCommand.class, org.vigil.bench.BenchTrainCommand.class,
                BenchUiCommand.class, org.vigil.bench.BenchLandmarksCommand.class, org.vigil.bench.BenchCropCommand.class,
                org.vigil.bench.BenchJmhCommand.class, org.vigil.bench.BenchWardCommand.class, BenchSoakCommand.class,
                org.vigil.bench.BenchWardVideoCommand.class})
public class BenchCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("choose a benchmark: ./run.sh bench pipeline | model | train | ui | landmarks | crop | jmh | ward | soak | ward-video  (see ./run.sh bench --help)");
    }
}
