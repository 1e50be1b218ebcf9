package org.vigil.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigil.eval.AlertReplay;
import org.vigil.rules.Assessability;
import org.vigil.rules.ConfigLoader;
import org.vigil.rules.Observation;
import org.vigil.rules.RuleSet;

/**
 * How fast recorded scores replay (what one suggestion candidate costs): a day of one bed at the score
 * history's rate (one sample a second), a 25-s resting face every 20 min, through the shipped rules, 4 runs.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/classpath.txt) org.vigil.app.SuggestionReplayRate</pre>
 */
public final class SuggestionReplayRate {
    private SuggestionReplayRate() {}

    public static void main(String[] args) throws Exception {
        RuleSet rs = ConfigLoader.loadDirectory(Path.of(args.length > 0 ? args[0] : "alerts-config"));
        List<Observation> day = new ArrayList<>();
        for (int s = 0; s < 86_400; s++) {
            double p = (s % 1200) < 25 ? 0.74 : 0.08;
            day.add(new Observation("bed-3", s, Assessability.OK, Map.of("sad", p * 0.7, "angry", p * 0.3, "relaxed", 1 - p), 1));
        }
        for (int run = 1; run <= 4; run++) {
            long t0 = System.nanoTime();
            AlertReplay.Result r = AlertReplay.replay("day", rs, day);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(java.util.Locale.ROOT, "run %d: %d samples (a day of one bed) in %.2f s, %.1f µs each, %d alerts%n", run,
                    day.size(), s, s * 1e6 / day.size(), r.raised());
        }
    }
}
