package org.vigil.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.factory.Nd4j;

/** Reads this JVM's own memory, threads and descriptors (what a soak watches for growth), and another process's CPU and RSS. */
final class ProcessProbe {
    private static final double MB = 1024.0 * 1024.0;

    private ProcessProbe() {}

    /** Resident set size from /proc/self/status (NaN where there is no /proc). */
    static double rssMb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("\\D", "")) / 1024.0;
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return Double.NaN;
    }

    /** Open file descriptors (/proc/self/fd entries; -1 where there is no /proc). */
    static int openFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        } catch (IOException e) {
            return -1;
        }
    }

    static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Heap in use now, over every heap pool. */
    static double heapUsedMb() {
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) used += p.getUsage().getUsed();
        }
        return used / MB;
    }

    /** Native bytes JavaCPP allocated and has not freed yet. */
    static double javacppMb() {
        return Pointer.totalBytes() / MB;
    }

    /** ND4J's own count of native (off-heap) bytes on the CPU device; 0 when ND4J cannot say. */
    static double nd4jMb() {
        try {
            return Nd4j.getMemoryManager().allocatedMemory(0) / MB;
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }

    /** Total GC time in ms so far, over all collectors. */
    static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) t += Math.max(0, gc.getCollectionTime());
        return t;
    }

    /** Resident set size of another process (NaN once it is gone, or where there is no /proc). */
    static double rssMb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("\\D", "")) / 1024.0;
            }
        } catch (IOException | RuntimeException gone) {
            // ended, or not Linux
        }
        return Double.NaN;
    }

    /** utime + stime of a process in clock ticks (USER_HZ, 100 on Linux); -1 once it is gone. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** The whole /proc/loadavg line (1, 5, 15 minutes, runnable/threads, last pid); "n/a" without /proc. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
