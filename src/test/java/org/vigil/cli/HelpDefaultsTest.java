package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vigil.base.Defaults;

/** --help shows the defaults the code uses (from base.Defaults), never "null". */
class HelpDefaultsTest {

    private static String usage(String... command) {
        var cl = Main.commandLine();
        for (String c : command) cl = cl.getSubcommands().get(c);
        return flat(cl.getUsageMessage(picocli.CommandLine.Help.Ansi.OFF));
    }

    /** Without white space: picocli wraps long values (runs/monitor. jsonl) at the usage width. */
    private static String flat(String s) {
        return s.replaceAll("\\s+", "");
    }

    @Test
    void monitor_help_shows_real_defaults() {
        String u = usage("monitor");
        assertThat(u).doesNotContainIgnoringCase("defaultnull")
                .contains(flat("Default " + Defaults.MODEL_TEXT))
                .contains(flat("default " + Defaults.CLASSIFY_FPS_TEXT + ")"))
                .contains(flat("default " + Defaults.SMOOTHING_S_TEXT + " s)"))
                .contains(flat("default " + Defaults.RULES_TEXT + ")"))
                .contains(flat(Defaults.ALERTS_DB_TEXT))
                .contains(flat("default " + Defaults.MONITOR_OUT_TEXT + ")"))
                .contains(flat("Default: " + Defaults.DETECTOR_TEXT))
                .contains(flat("HOST defaults to " + Defaults.METRICS_HOST))
                .contains(flat("to port " + Defaults.METRICS_PORT_TEXT))
                .contains(flat("Default: off, nothing listens."));
        assertThat(usage()).contains(flat("a bare --metrics: port " + Defaults.METRICS_PORT_TEXT));
    }

    @Test
    void other_commands_quote_the_same_model() {
        assertThat(usage("predict")).contains(flat("default " + Defaults.MODEL_TEXT)).doesNotContainIgnoringCase("defaultnull");
        assertThat(usage("bench", "pipeline")).contains(flat("default " + Defaults.MODEL_TEXT));
    }
}
