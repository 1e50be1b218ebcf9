package org.vigil.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.stream.Stream;
import org.vigil.alerts.AlertStore;
import org.vigil.alerts.StoreSize;
import org.vigil.base.Defaults;
import org.vigil.base.RollingLineFile;

/** The "Storage" part of {@code alerts stats}: how much disk the alert database, JSON lines and logs take. */
final class StorageSizes {
    private StorageSizes() {}

    static void print(PrintStream o, AlertStore store, Path jsonl, Path logDir) throws SQLException, IOException {
        o.println();
        o.println("Storage (bounded: closed alerts kept " + Defaults.KEEP_CLOSED_ALERTS_DAYS + " days unless alerts-config storage: says"
                + " otherwise; JSON lines and logs roll by size and day)");
        StoreSize s = store.size();
        o.printf(Locale.ROOT, "%-14s %s: %s (WAL %s, free inside %s); %d alerts (%d open), %d transitions; oldest %s%n", "alert database",
                store.file(), mb(s.fileBytes()), mb(s.walBytes()), mb(s.freeBytes()), s.alerts(), s.openAlerts(), s.events(),
                s.oldest() == null ? "-" : s.oldest().toString());
        if (jsonl != null && Files.exists(jsonl)) {
            try (RollingLineFile f = new RollingLineFile(jsonl, Long.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, java.time.Clock.systemDefaultZone())) {
                o.printf(Locale.ROOT, "%-14s %s: %s in %d file(s)%n", "JSON lines", jsonl, mb(f.totalBytes()), 1 + f.parts().size());
            }
        } else {
            o.printf(Locale.ROOT, "%-14s %s: none%n", "JSON lines", jsonl);
        }
        if (logDir != null && Files.isDirectory(logDir)) {
            long total = 0;
            int n = 0;
            try (Stream<Path> files = Files.list(logDir)) {
                for (Path p : files.filter(p -> p.getFileName().toString().startsWith("vigil")).toList()) {
                    total += Files.size(p);
                    n++;
                }
            }
            o.printf(Locale.ROOT, "%-14s %s: %s in %d file(s)%n", "logs", logDir, mb(total), n);
        } else {
            o.printf(Locale.ROOT, "%-14s stderr only (set %s to keep rolling log files)%n", "logs", Defaults.LOG_DIR_ENV);
        }
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.2f MB", bytes / 1048576.0);
    }
}
