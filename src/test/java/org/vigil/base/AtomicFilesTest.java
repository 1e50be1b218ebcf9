package org.vigil.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir Path dir;

    @Test
    void aNewFileGetsTheSamePermissionsAsAnyFileCreatedThere() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain.txt"));
        Path written = dir.resolve("model.vigil");
        AtomicFiles.replace(written, tmp -> Files.writeString(tmp, "v1"));
        assertThat(Files.readString(written)).isEqualTo("v1");
        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        Path file = Files.writeString(dir.resolve("rules.yaml"), "v1");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.replace(file, tmp -> Files.writeString(tmp, "v2"));
        assertThat(Files.readString(file)).isEqualTo("v2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }

    @Test
    void givenPermissionsAreSetWhateverTheOldFileHad() throws IOException {
        Path file = Files.writeString(dir.resolve("users.yaml"), "v1");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        AtomicFiles.replace(file, PosixFilePermissions.fromString("rw-------"), tmp -> Files.writeString(tmp, "v2"));
        assertThat(Files.readString(file)).isEqualTo("v2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = Files.writeString(dir.resolve("alerts.json"), "old");
        assertThatThrownBy(() -> AtomicFiles.replace(file, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(file)).isEqualTo("old");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("alerts.json");
        }
    }
}
