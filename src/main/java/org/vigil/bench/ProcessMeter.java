package org.vigil.bench;

/**
 * CPU and memory of one other process over a benchmark's window: CPU from /proc ticks at the start and the
 * end, RSS from the samples taken in between. Owned by the benchmark's thread.
 */
final class ProcessMeter {
    /** What one process used: CPU in % of one core over the window, RSS mean and max of the samples. */
    record Use(String role, long pid, double cpuPct, double rssMeanMb, double rssMaxMb) {}

    private final String role;
    private final long pid;
    private final long ticks0;
    private final long t0 = System.nanoTime();
    private double rssSum;
    private double rssMax;
    private int samples;

    ProcessMeter(String role, long pid) {
        this.role = role;
        this.pid = pid;
        this.ticks0 = ProcessProbe.cpuTicks(pid);
    }

    void sample() {
        double rss = ProcessProbe.rssMb(pid);
        if (Double.isNaN(rss)) return;
        rssSum += rss;
        rssMax = Math.max(rssMax, rss);
        samples++;
    }

    /** Call before the process ends: its ticks are gone with it. */
    Use finish() {
        long ticks1 = ProcessProbe.cpuTicks(pid);
        double wall = (System.nanoTime() - t0) / 1e9;
        // USER_HZ is 100 on Linux: ticks / 100 = CPU seconds
        double cpu = ticks0 < 0 || ticks1 < 0 ? Double.NaN : 100.0 * (ticks1 - ticks0) / 100.0 / wall;
        return new Use(role, pid, cpu, samples == 0 ? Double.NaN : rssSum / samples, samples == 0 ? Double.NaN : rssMax);
    }
}
