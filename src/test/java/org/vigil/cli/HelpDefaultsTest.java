package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vigil.base.Defaults;

/** --help shows the defaults the code uses (from base.Defaults), never "null". */
class HelpDefaultsTest {

    private static String usage(String... command) {
        var cl = Main.commandLine();
        for (String c : command) cl = cl.getSubcommands().get(c);
        return cl.getUsageMessage(picocli.CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
    }

    @Test
    void monitor_help_shows_real_defaults() {
        String u = usage("monitor");
        assertThat(u).doesNotContainIgnoringCase("default null")
                .contains("Default " + Defaults.MODEL_TEXT)
                .contains("default " + Defaults.CLASSIFY_FPS_TEXT + ")")
                .contains("default " + Defaults.SMOOTHING_S_TEXT + " s)")
                .contains("default " + Defaults.RULES_TEXT + ")")
                .contains(Defaults.ALERTS_DB_TEXT)
                .contains("default " + Defaults.MONITOR_OUT_TEXT + ")")
                .contains("Default: " + Defaults.DETECTOR_TEXT);
    }

    @Test
    void other_commands_quote_the_same_model() {
        assertThat(usage("predict")).contains("default " + Defaults.MODEL_TEXT).doesNotContainIgnoringCase("default null");
        assertThat(usage("bench", "pipeline")).contains("default " + Defaults.MODEL_TEXT);
    }
}
