package org.vigil.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The top-level command: with no subcommand, ./run.sh opens the dashboard. */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "Vigil 0.1",
        description = "Bedside emotion monitor: dashboard, monitoring pipeline and emotion-model tools.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, ImportKerasCommand.class, PredictCommand.class, ExplainCommand.class, MonitorCommand.class, BenchCommand.class})
public class VigilCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("The dashboard is not built yet; see ./run.sh --help");
        return 2;
    }
}
