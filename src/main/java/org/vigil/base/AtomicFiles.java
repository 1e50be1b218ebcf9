package org.vigil.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Write-then-rename: a crash mid-write leaves the previous version of the file intact, never half a file. */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the content into a file of its own. */
    public interface Writer {
        void write(Path tmp) throws IOException;
    }

    /**
     * Writes through {@code writer} into a temporary file next to {@code file} (same file system), then
     * renames it over {@code file} atomically. The temporary file is removed if anything fails.
     */
    public static void replace(Path file, Writer writer) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            writer.write(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
