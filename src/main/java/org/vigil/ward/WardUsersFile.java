package org.vigil.ward;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ward users file as a running central station sees it: read again when it changed (checked at each log-in,
 * a file stat; {@code ward-users add} replaces the file atomically, so a new inode or time or size means a new
 * list). A file that does not read keeps the last good users and is logged once, with where it is wrong.
 * Connected clients keep the rights they logged in with; a removed user is refused from the next log-in.
 */
public final class WardUsersFile implements Supplier<WardUsers> {
    private static final Logger log = LoggerFactory.getLogger(WardUsersFile.class);
    private final Path file;
    private WardUsers users;
    private List<Object> stamp;
    private String lastError;

    private WardUsersFile(Path file, WardUsers users, List<Object> stamp) {
        this.file = file;
        this.users = users;
        this.stamp = stamp;
    }

    /** The first read: a bad file stops the start. @throws IllegalArgumentException naming the file and where */
    public static WardUsersFile load(Path file) throws IOException {
        List<Object> s = stamp(file);
        return new WardUsersFile(file, WardUsers.load(file), s);
    }

    /** The users now: the file's if it changed and reads, else the last good ones. */
    @Override
    public synchronized WardUsers get() {
        List<Object> now;
        try {
            now = stamp(file);
        } catch (IOException e) {
            return users; // unreadable for a moment (being replaced): the last good list
        }
        if (now.equals(stamp)) return users;
        stamp = now;
        try {
            WardUsers fresh = WardUsers.load(file);
            log.info("ward users file {} re-read: {} user(s)", file, fresh.all().size());
            users = fresh;
            lastError = null;
        } catch (IOException | IllegalArgumentException e) {
            lastError = e.getMessage();
            log.error("{} -- not taken: the central keeps its last good {} user(s)", e.getMessage(), users.all().size());
        }
        return users;
    }

    /** Why the file's current text was refused, if it was. */
    public synchronized Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public Path file() {
        return file;
    }

    private static List<Object> stamp(Path file) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(String.valueOf(a.fileKey()), a.lastModifiedTime(), a.size());
        } catch (NoSuchFileException e) {
            return List.of("missing");
        }
    }
}
