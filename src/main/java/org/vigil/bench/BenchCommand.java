package org.vigil.bench;

import picocli.CommandLine.Command;

/** Parent of the benchmark commands; results are recorded in docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (run on an idle machine).",
        subcommands = {BenchModelCommand.class})
public class BenchCommand {}
