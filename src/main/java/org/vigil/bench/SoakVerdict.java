package org.vigil.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What a soak run says after warm-up: memory slopes (least squares, MB per 10 minutes) for the
 * live heap and off-heap, growth of threads and descriptors (the highest count in the last third of the
 * measured part against the highest in its first third: a count that rises and falls as files open and
 * close is not a leak, a rising ceiling is), and whether fps and decision p99
 * stayed steady (first half against second half of the measured part); on a dashboard soak also the
 * Swing thread's busy share and frame-to-screen p99 (NaN otherwise).
 */
public record SoakVerdict(double measuredFromS, double measuredS, int samples, double heapSlope, double offHeapSlope,
                          double rssSlope, int threadsEarly, int threadsLate, int fdsEarly, int fdsLate, double fpsFirst,
                          double fpsSecond, double p99First, double p99Second, double aimMbPer10Min, double edtBusyFirst,
                          double edtBusySecond, double screenP99First, double screenP99Second) {

    /** The aim of issue 14: less than 1 MB per 10 minutes for heap and off-heap each. */
    public static final double AIM_MB_PER_10_MIN = 1.0;

    /** @param warmupS samples before this time are not judged (JIT, caches, pools filling) */
    public static SoakVerdict of(List<SoakSample> all, double warmupS) {
        List<SoakSample> s = all.stream().filter(x -> x.tS() >= warmupS).toList();
        if (s.size() < 2) throw new IllegalArgumentException("too few samples after the warm-up of " + warmupS + " s: " + s.size());
        List<SoakSample> gc = s.stream().filter(SoakSample::afterGc).toList();
        int half = s.size() / 2;
        List<SoakSample> first = s.subList(0, half), second = s.subList(half, s.size());
        int third = Math.max(1, s.size() / 3);
        List<SoakSample> early = s.subList(0, third), late = s.subList(s.size() - third, s.size());
        return new SoakVerdict(s.get(0).tS(), s.get(s.size() - 1).tS() - s.get(0).tS(), s.size(),
                slopePer10Min(gc, SoakSample::heapAfterGcMb), slopePer10Min(gc, SoakSample::offHeapAfterGcMb),
                slopePer10Min(s, SoakSample::rssMb), ceiling(early, SoakSample::threads), ceiling(late, SoakSample::threads),
                ceiling(early, SoakSample::fds), ceiling(late, SoakSample::fds), mean(first, SoakSample::fps),
                mean(second, SoakSample::fps), mean(first, SoakSample::decisionP99Ms), mean(second, SoakSample::decisionP99Ms),
                AIM_MB_PER_10_MIN, mean(first, SoakSample::edtBusyPct), mean(second, SoakSample::edtBusyPct),
                mean(first, SoakSample::screenP99Ms), mean(second, SoakSample::screenP99Ms));
    }

    /** Least-squares slope of y against time, in units per 10 minutes; NaN with fewer than 2 points. */
    static double slopePer10Min(List<SoakSample> s, ToDoubleFunction<SoakSample> y) {
        List<SoakSample> p = s.stream().filter(x -> !Double.isNaN(y.applyAsDouble(x))).toList();
        if (p.size() < 2) return Double.NaN;
        double mx = p.stream().mapToDouble(SoakSample::tS).average().orElse(0);
        double my = p.stream().mapToDouble(y).average().orElse(0);
        double sxy = 0, sxx = 0;
        for (SoakSample x : p) {
            sxy += (x.tS() - mx) * (y.applyAsDouble(x) - my);
            sxx += (x.tS() - mx) * (x.tS() - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx * 600;
    }

    private static int ceiling(List<SoakSample> s, java.util.function.ToIntFunction<SoakSample> f) {
        return s.stream().mapToInt(f).max().orElse(0);
    }

    private static double mean(List<SoakSample> s, ToDoubleFunction<SoakSample> f) {
        return s.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    public boolean memoryWithinAim() {
        return heapSlope < aimMbPer10Min && offHeapSlope < aimMbPer10Min;
    }

    public int threadGrowth() {
        return threadsLate - threadsEarly;
    }

    public int fdGrowth() {
        return fdsLate - fdsEarly;
    }

    /** One line for the log and docs/benchmarks.md. */
    public String line() {
        String ui = Double.isNaN(screenP99First) && Double.isNaN(edtBusyFirst) ? "" : String.format(Locale.ROOT,
                "; Swing thread busy %.1f -> %.1f %%, frame-to-screen p99 %.0f -> %.0f ms", edtBusyFirst, edtBusySecond,
                screenP99First, screenP99Second);
        return String.format(Locale.ROOT,
                "VERDICT %s: after %.0f s warm-up, over %.1f min (%d samples): heap after GC %+.2f MB/10 min, off-heap %+.2f MB/10 min"
                        + " (aim < %.0f), RSS %+.1f MB/10 min; threads max %d -> %d, fds max %d -> %d (first/last third); fps %.2f -> %.2f;"
                        + " decision p99 %.0f -> %.0f ms%s",
                memoryWithinAim() && threadGrowth() <= 0 && fdGrowth() <= 0 ? "PASS" : "CHECK", measuredFromS, measuredS / 60,
                samples, heapSlope, offHeapSlope, aimMbPer10Min, rssSlope, threadsEarly, threadsLate, fdsEarly, fdsLate,
                fpsFirst, fpsSecond, p99First, p99Second, ui);
    }
}
