package org.vigil.alerts;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.vigil.app.AlertSystem;
import org.vigil.rules.Assessability;
import org.vigil.rules.Observation;

/**
 * Run in a separate JVM by {@link AlertDurabilityTest} and killed with kill -9 mid-run. Plays
 * distress and calm stretches for several beds forever, acknowledging some alerts, and prints
 * "EV transition alertId bed" for every transition after the call that made it has returned
 * (i.e. after it was committed).
 */
public final class CrashDriver {
    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        Path db = Path.of(args[1]);
        PrintStream out = new PrintStream(System.out, false);
        try (AlertSystem sys = AlertSystem.open(config, db, Clock.systemUTC())) {
            out.println("READY");
            out.flush();
            double t = 0;
            for (int round = 0; ; round++) {
                for (int bed = 0; bed < 4; bed++) {
                    String b = "bed-" + bed;
                    boolean distress = (round + bed) % 3 != 0;
                    for (int i = 0; i < 12; i++) {
                        Map<String, Double> em = distress ? Map.of("sad", 0.85, "neutral", 0.15) : Map.of("neutral", 0.95, "sad", 0.05);
                        print(out, sys.engine().observe(new Observation(b, t + i * 2.0, Assessability.OK, em, 1)));
                    }
                    if ((round + bed) % 2 == 0) {
                        for (Alert a : sys.alerts().openAlerts()) {
                            if (a.bed().equals(b) && !a.acknowledged()) sys.alerts().acknowledge(a.id(), "nurse-" + bed).ifPresent(e -> print(out, List.of(e)));
                        }
                    }
                }
                t += 24;
                Thread.sleep(5);
            }
        }
    }

    private static void print(PrintStream out, List<AlertEvent> events) {
        for (AlertEvent e : events) out.println("EV " + e.transition() + " " + e.alertId() + " " + e.bed());
        out.flush();
    }
}
