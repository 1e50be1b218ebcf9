package org.vigil.bench;

import java.util.Locale;

/**
 * One 10-second sample of a soak run. Memory in MB; rates over the interval since the previous
 * sample. {@code heapAfterGcMb} and {@code offHeapAfterGcMb} are NaN on samples without a full GC.
 *
 * @param rssMb            resident set size of the process (/proc/self/status VmRSS)
 * @param heapUsedMb       Java heap in use at the sample (garbage included)
 * @param heapAfterGcMb    Java heap in use right after a full GC (live objects only)
 * @param javacppMb        native memory JavaCPP tracks (OpenCV/FFmpeg/ND4J buffers it allocated)
 * @param offHeapAfterGcMb JavaCPP native bytes right after the full GC
 * @param nd4jMb           ND4J's count of its native allocations (on the CPU backend the same JavaCPP total)
 * @param gcPauseMs        GC pause time in the interval (the forced GC excluded)
 * @param edtBusyPct       dashboard soak: CPU time of the Swing event thread over the interval, % of one core (else NaN)
 * @param edtLagMs         dashboard soak: how long a no-op event waited for the Swing thread at the sample (else NaN)
 * @param screenP99Ms      dashboard soak: frame-to-screen latency p99 over the interval (else NaN)
 */
public record SoakSample(double tS, double rssMb, double heapUsedMb, double heapAfterGcMb, double javacppMb,
                         double offHeapAfterGcMb, double nd4jMb, int threads, int fds, double fps, long droppedFrames,
                         double decisionP99Ms, double gcPauseMs, long alerts, double load1, double edtBusyPct,
                         double edtLagMs, double screenP99Ms) {

    public static final String CSV_HEADER = "t_s,rss_mb,heap_used_mb,heap_after_gc_mb,javacpp_mb,offheap_after_gc_mb,"
            + "nd4j_mb,threads,fds,fps,dropped_frames,decision_p99_ms,gc_pause_ms,alerts,load1,edt_busy_pct,edt_lag_ms,screen_p99_ms";

    /** A monitor soak's sample (no dashboard). */
    public SoakSample(double tS, double rssMb, double heapUsedMb, double heapAfterGcMb, double javacppMb,
                      double offHeapAfterGcMb, double nd4jMb, int threads, int fds, double fps, long droppedFrames,
                      double decisionP99Ms, double gcPauseMs, long alerts, double load1) {
        this(tS, rssMb, heapUsedMb, heapAfterGcMb, javacppMb, offHeapAfterGcMb, nd4jMb, threads, fds, fps, droppedFrames,
                decisionP99Ms, gcPauseMs, alerts, load1, Double.NaN, Double.NaN, Double.NaN);
    }

    /** The samples of a soak.csv this class wrote; a line that does not parse is named with its number. */
    public static java.util.List<SoakSample> readCsv(java.nio.file.Path csv) throws java.io.IOException {
        java.util.List<String> lines = java.nio.file.Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.get(0).equals(CSV_HEADER)) {
            throw new IllegalArgumentException(csv + ":1: not a soak CSV (header should be " + CSV_HEADER + ")");
        }
        java.util.List<SoakSample> out = new java.util.ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) continue;
            String[] f = lines.get(n).split(",", -1);
            try {
                out.add(new SoakSample(d(f[0]), d(f[1]), d(f[2]), d(f[3]), d(f[4]), d(f[5]), d(f[6]), Integer.parseInt(f[7]),
                        Integer.parseInt(f[8]), d(f[9]), Long.parseLong(f[10]), d(f[11]), d(f[12]), Long.parseLong(f[13]), d(f[14]),
                        d(f[15]), d(f[16]), d(f[17])));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(csv + ":" + (n + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static double d(String v) {
        return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }

    public String csv() {
        return String.format(Locale.ROOT, "%.1f,%.1f,%.1f,%s,%.2f,%s,%.2f,%d,%d,%.2f,%d,%s,%.0f,%d,%.2f,%s,%s,%s", tS, rssMb,
                heapUsedMb, num(heapAfterGcMb, "%.2f"), javacppMb, num(offHeapAfterGcMb, "%.2f"), nd4jMb, threads, fds,
                fps, droppedFrames, num(decisionP99Ms, "%.0f"), gcPauseMs, alerts, load1, num(edtBusyPct, "%.1f"),
                num(edtLagMs, "%.1f"), num(screenP99Ms, "%.1f"));
    }

    /** Whether this sample carries the dashboard's figures. */
    public boolean dashboard() {
        return !Double.isNaN(edtLagMs);
    }

    /** Whether this sample was taken after a full GC (carries the live-heap figures). */
    public boolean afterGc() {
        return !Double.isNaN(heapAfterGcMb);
    }

    private static String num(double v, String fmt) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, fmt, v);
    }
}
