package org.vigil.cli;

import org.vigil.nd.NativeSetup;
import picocli.CommandLine;

/** Entry point of ./run.sh. Picks the native backend before any ND4J class loads. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        NativeSetup.configure();
        // Without a display, AWT must be headless or even drawing a chart into an image fails.
        if (System.getenv("DISPLAY") == null && System.getProperty("java.awt.headless") == null
                && System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            System.setProperty("java.awt.headless", "true");
        }
        org.vigil.app.LogFiles.startIfConfigured(); // bounded log files when VIGIL_LOG_DIR is set; stderr always
        System.exit(commandLine().execute(args));
    }

    /** The CLI as ./run.sh runs it: a user's mistake (bad file, option or value) is one line naming it, not a stack trace. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VigilCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // A ward may be named like a command ("--ward-name train"): an option's value is a value, not a subcommand.
        cli.setAllowSubcommandsAsOptionParameters(true);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof org.vigil.classify.ModelFileException
                    || ex instanceof org.vigil.data.DataFormatException || ex instanceof java.nio.file.NoSuchFileException) {
                String what = ex instanceof java.nio.file.NoSuchFileException ? "no such file: " + ex.getMessage() : ex.getMessage();
                cmd.getErr().println("vigil " + cmd.getCommandName() + ": " + what);
                return 2;
            }
            throw ex;
        });
        return cli;
    }
}
