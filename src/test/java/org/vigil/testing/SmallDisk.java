package org.vigil.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real small filesystem for disk-full tests: a tmpfs of a few hundred KB mounted in a test's folder
 * (needs root, as in CI; skipped with the reason otherwise), and a filler file that takes its space.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path mount;

    private SmallDisk(Path mount) {
        this.mount = mount;
    }

    /** Mounts a tmpfs of {@code kb} KB at {@code dir}/disk. */
    public static SmallDisk mount(Path dir, int kb) throws IOException, InterruptedException {
        Path m = dir.resolve("disk");
        Files.createDirectories(m);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + kb + "k", "tmpfs", m.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assumeTrue(p.waitFor() == 0, "cannot mount a small tmpfs here (needs root): " + out.trim());
        return new SmallDisk(m);
    }

    public Path path() {
        return mount;
    }

    /** Fills the disk with a filler file, leaving about {@code leaveBytes} free (0: full to the last block). */
    public void fill(long leaveBytes) throws IOException {
        Path filler = filler();
        try (OutputStream os = Files.newOutputStream(filler)) {
            byte[] block = new byte[4096];
            try {
                while (true) os.write(block);
            } catch (IOException full) {
                // the disk is full now
            }
        }
        if (leaveBytes > 0) {
            Files.delete(filler);
            try (OutputStream os = Files.newOutputStream(filler)) {
                os.write(new byte[(int) (mount.toFile().getUsableSpace() - leaveBytes)]);
            }
        }
    }

    /** Space comes back: the filler file is deleted. */
    public void free() throws IOException {
        Files.deleteIfExists(filler());
    }

    private Path filler() {
        return mount.resolve("filler");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("umount", mount.toString()).start().waitFor();
    }
}
