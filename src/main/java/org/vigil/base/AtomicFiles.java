package org.vigil.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.UUID;

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
     * The result has the permissions the replaced file had, or a new file's (the umask's) when there
     * was none: not {@code createTempFile}'s owner-only ones, which left rewritten models unreadable to
     * the other users of a ward machine.
     */
    public static void replace(Path file, Writer writer) throws IOException {
        replace(file, null, writer);
    }

    /**
     * As {@link #replace(Path, Writer)}, the result with exactly these permissions where the file system has
     * them (e.g. owner-only for a file of password hashes); they are set before any content is written.
     */
    public static void replace(Path file, Set<PosixFilePermission> permissions, Writer writer) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createFile(dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp"));
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
            if (posix != null) {
                if (permissions != null) posix.setPermissions(permissions);
                else if (Files.exists(file)) posix.setPermissions(Files.getPosixFilePermissions(file));
            }
            writer.write(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
