package org.vigil.app;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.vigil.alerts.Outcome;
import org.vigil.testing.StepClock;

/**
 * The demo behind docs/alerts.md's suggestion section: a scripted ward morning played through a real
 * {@link AlertSystem} (the shipped rules, a real SQLite file), with the nurses' answers. bed-3 rests with a
 * "sad" face just over the start threshold; bed-1's alerts are mostly real distress.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/classpath.txt) org.vigil.app.SuggestionDemo CONFIG_DIR DB</pre>
 */
public final class SuggestionDemo {
    private SuggestionDemo() {}

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]), db = Path.of(args[1]);
        StepClock clock = new StepClock(Instant.parse(args.length > 2 ? args[2] : "2026-12-01T08:00:00Z"));
        try (AlertSystem sys = AlertSystem.open(config, db, clock)) {
            // bed-3: resting face (angry+sad 0.74, 25 s) five times, real distress (0.78, 60 s) twice
            RecordedBed b3 = bed(sys, clock, "bed-3");
            for (Outcome o : List.of(Outcome.FALSE_ALARM, Outcome.FALSE_ALARM, Outcome.CONFIRMED, Outcome.FALSE_ALARM,
                    Outcome.FALSE_ALARM, Outcome.CONFIRMED, Outcome.FALSE_ALARM)) {
                b3.calm(200);
                if (o == Outcome.CONFIRMED) b3.distress(60, 0.78); else b3.distress(25, 0.74);
                b3.calm(20).answer(o);
            }
            // bed-1: three real episodes, one false alarm: no suggestion
            RecordedBed b1 = bed(sys, clock, "bed-1");
            for (Outcome o : List.of(Outcome.CONFIRMED, Outcome.FALSE_ALARM, Outcome.CONFIRMED, Outcome.CONFIRMED)) {
                b1.calm(200).distress(40, 0.85).calm(20).answer(o);
            }
            System.err.printf("recorded %d + %d alerts, clock now %s%n", b3.raised.size(), b1.raised.size(), clock.instant());
        }
    }

    /** A bed as the 4-class ward models report it: their four classes. */
    private static RecordedBed bed(AlertSystem sys, StepClock clock, String bed) {
        return new RecordedBed(sys, clock, bed, 1000, 0.08,
                p -> Map.of("sad", p * 0.7, "angry", p * 0.3, "relaxed", (1 - p) * 0.8, "happy", (1 - p) * 0.2));
    }
}
