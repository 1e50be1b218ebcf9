package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** An option's value that happens to be a command's name is still the value (a ward named "bench" or "train"). */
class OptionValuesTest {
    @Test
    void aWardNamedLikeACommandIsAWardName() {
        for (String name : List.of("bench", "train", "edge", "central")) {
            CommandLine cli = Main.commandLine();
            CommandLine.ParseResult r = cli.parseArgs("--broker", "tcp://127.0.0.1:1883", "--ward-name", name);
            assertThat(r.matchedOptionValue("--ward-name", "")).isEqualTo(name);
            assertThat(r.hasSubcommand()).as("'%s' is not run as a command", name).isFalse();
        }
        CommandLine.ParseResult sub = Main.commandLine().parseArgs("bench", "ward", "--help");
        assertThat(sub.hasSubcommand()).as("a command is still a command").isTrue();
    }
}
