package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** monitor and edge take --loop, --fast and --duration from one mixin: same parsing, same check, same help. */
class PlaybackOptionsTest {

    private static PlaybackOptions parsed(String command, String... args) {
        var cl = Main.commandLine();
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        cl.parseArgs(all);
        Object cmd = cl.getSubcommands().get(command).getCommand();
        return cmd instanceof MonitorCommand m ? m.playback : ((EdgeCommand) cmd).playback;
    }

    @Test
    void bothCommandsReadTheSameOptions() {
        for (String command : new String[] {"monitor", "edge"}) {
            String[] required = command.equals("edge") ? new String[] {"--ward", "w.yaml", "--broker", "tcp://h:1"} : new String[0];
            PlaybackOptions p = parsed(command, concat(required, "--loop", "--fast", "--duration", "90"));
            assertThat(p.loop).as(command).isTrue();
            assertThat(p.fast).as(command).isTrue();
            assertThat(p.stopAfterS()).as(command).isEqualTo(90.0);
            assertThat(parsed(command, required).stopAfterS()).as(command + " without --duration").isInfinite();
            PlaybackOptions bad = parsed(command, concat(required, "--duration", "-3"));
            assertThatThrownBy(bad::stopAfterS).as(command).hasMessageContaining("--duration").hasMessageContaining("-3.0");
            String help = Main.commandLine().getSubcommands().get(command).getUsageMessage(picocli.CommandLine.Help.Ansi.OFF);
            assertThat(help).as(command).contains("--loop").contains("--fast").contains("--duration=SECONDS");
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
