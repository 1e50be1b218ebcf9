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
        CommandLine cli = new CommandLine(new VigilCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        int code = cli.execute(args);
        System.exit(code);
    }
}
