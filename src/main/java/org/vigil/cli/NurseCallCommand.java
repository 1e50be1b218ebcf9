package org.vigil.cli;

import org.vigil.nursecall.NurseCallConfig;
import org.vigil.nursecall.NurseCallListener;
import org.vigil.nursecall.IntegrationsConfigLoader;
import org.vigil.nursecall.Pcd04Codes;
import ca.uhn.hl7v2.AcknowledgmentCode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.vigil.rules.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** ./run.sh nursecall listen: the tools for hooking Vigil to a nurse-call / alarm-management system. */
@Command(name = "nursecall", mixinStandardHelpOptions = true,
        description = "Nurse call (IHE PCD ACM, HL7 v2.6 ORU^R40 over MLLP): a test Alert Manager that receives Vigil's reports.",
        subcommands = {NurseCallCommand.Listen.class})
public class NurseCallCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("Choose a subcommand: listen (see ./run.sh nursecall --help)");
        return 2;
    }

    @Command(name = "listen", mixinStandardHelpOptions = true,
            description = {"A small receiving Alert Manager on HAPI's MLLP server: ACKs every ORU^R40 and prints one line per report.",
                    "Point nurse_call.host/port in alerts-config/integrations.yaml at it. Stops with Ctrl-C."})
    static class Listen implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "" + NurseCallConfig.DEFAULT_PORT, description = "TCP port to listen on (default ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--answer", defaultValue = "AA",
                description = "ACK code to answer: AA (accept), or AE / AR to rehearse how Vigil shows rejected reports (default ${DEFAULT-VALUE}).")
        String answer;

        @Option(names = "--alerts-config", defaultValue = "alerts-config", paramLabel = "DIR",
                description = "Reads the attribute codes of integrations.yaml here, to label the rows (default ${DEFAULT-VALUE}).")
        Path config;

        @Option(names = "--raw", description = "Also print each message as received (segments on their own lines).")
        boolean raw;

        @Override
        public Integer call() throws Exception {
            AcknowledgmentCode code = switch (answer.toUpperCase(java.util.Locale.ROOT)) {
                case "AA" -> AcknowledgmentCode.AA;
                case "AE" -> AcknowledgmentCode.AE;
                case "AR" -> AcknowledgmentCode.AR;
                default -> throw new IllegalArgumentException("--answer must be AA, AE or AR, got " + answer);
            };
            Pcd04Codes codes;
            try {
                codes = IntegrationsConfigLoader.load(config).nurseCall().codes();
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            PrintStream out = System.out;
            CountDownLatch stop = new CountDownLatch(1);
            try (NurseCallListener l = new NurseCallListener(port, a -> code, r -> {
                synchronized (out) {
                    String when = Instant.now().toString();
                    if (r.alert() == null) out.println(when + " unreadable message answered AE");
                    else out.println(when + " " + r.answer() + (r.duplicate() ? " DUPLICATE (already acknowledged) " : " ") + r.alert().line(codes));
                    if (raw) out.println("  " + r.hl7().replace("\r", "\n  ").stripTrailing());
                    out.flush();
                }
            }).start()) {
                System.err.println("nurse call listener on port " + port + " (MLLP), answering " + code + "; Ctrl-C stops");
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "nursecall-listen-stop"));
                stop.await();
            }
            return 0;
        }
    }
}
