package org.vigil.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.classify.ModelFile;
import org.vigil.classify.ModelMetadata;

/**
 * Notices that the model file of a running Vigil was replaced or changed on disk and says so, once per
 * change. The running model stays: it was validated and loaded at start, and swapping it mid-shift
 * would change every bed's readings without anyone having checked the new model's alarm figures.
 */
public final class ModelFileWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelFileWatch.class);

    private record Stamp(long size, long modified, Object key) {}

    private final Path file;
    private final Consumer<String> report;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-model-watch");
        t.setDaemon(true);
        return t;
    });
    private Stamp last;

    /** @param report where the notice goes (the log, in the application) */
    ModelFileWatch(Path file, double everyS, Consumer<String> report) {
        this.file = file;
        this.report = report;
        this.last = stamp();
        long ms = Math.max(1, Math.round(everyS * 1000));
        timer.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
    }

    public static ModelFileWatch start(Path file, double everyS) {
        return new ModelFileWatch(file, everyS, log::warn);
    }

    private Stamp stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.size(), a.lastModifiedTime().toMillis(), a.fileKey());
        } catch (IOException e) {
            return null; // gone (being replaced, or deleted)
        }
    }

    private void check() {
        Stamp now = stamp();
        if (now == null ? last == null : now.equals(last)) return;
        last = now;
        String what;
        if (now == null) {
            what = "is gone";
        } else {
            try {
                ModelMetadata m = ModelFile.readMetadata(file);
                what = "now holds another model (" + m.name() + ", " + m.labels().size() + " classes)";
            } catch (RuntimeException e) {
                what = "is not a valid model any more (" + e.getMessage() + ")";
            }
        }
        report.accept("model file " + file + " changed on disk while Vigil runs: it " + what
                + "; the model loaded at start stays in use. Restart Vigil to use a new model, after checking it with"
                + " ./run.sh evaluate and docs/alarm-quality.sh.");
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
