package org.vigil.base;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An append-only text file that stays bounded: when the current part reaches {@code maxBytes} or a
 * new day starts, it is renamed to {@code name.YYYY-MM-DD.N.ext} and a fresh file is begun; parts
 * older than {@code keepDays} are deleted, and the oldest go first while all parts together pass
 * {@code totalCapBytes}. Each line goes to the OS at once; a line a full disk cut short is removed.
 * Not thread-safe (one writer).
 */
public final class RollingLineFile implements AutoCloseable {
    private final Path file;
    private final long maxBytes;
    private final int keepDays;
    private final long totalCapBytes;
    private final Clock clock;
    private final ZoneId zone;
    private final Pattern partName;
    private FileChannel out;
    private long size;
    private LocalDate day;

    public RollingLineFile(Path file, long maxBytes, int keepDays, long totalCapBytes, Clock clock) throws IOException {
        this.file = file.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.keepDays = keepDays;
        this.totalCapBytes = totalCapBytes;
        this.clock = clock;
        this.zone = clock.getZone();
        String n = this.file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String stem = dot > 0 ? n.substring(0, dot) : n, ext = dot > 0 ? n.substring(dot) : "";
        partName = Pattern.compile(Pattern.quote(stem) + "\\.(\\d{4}-\\d{2}-\\d{2})\\.(\\d+)" + Pattern.quote(ext));
        if (this.file.getParent() != null) Files.createDirectories(this.file.getParent());
        // A file left from an earlier run belongs to the day it was last written.
        day = Files.exists(this.file) ? LocalDate.ofInstant(Files.getLastModifiedTime(this.file).toInstant(), zone) : today();
        open();
    }

    /** The default bounds for the monitor's JSON lines ({@link Defaults}). */
    public static RollingLineFile forJsonLines(Path file) throws IOException {
        return new RollingLineFile(file, Defaults.JSONL_MAX_FILE_MB << 20, Defaults.JSONL_KEEP_DAYS,
                Defaults.JSONL_TOTAL_CAP_MB << 20, Clock.systemDefaultZone());
    }

    public Path file() {
        return file;
    }

    /** Appends the line and a newline, rolling first when due. @throws IOException e.g. the disk is full */
    public void append(String line) throws IOException {
        byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
        LocalDate now = today();
        if (size > 0 && (size + b.length > maxBytes || !now.equals(day))) roll();
        day = now;
        ByteBuffer buf = ByteBuffer.wrap(b);
        try {
            while (buf.hasRemaining()) out.write(buf);
        } catch (IOException e) {
            // A full disk can take half a line: cut it off, so the file holds only whole lines.
            try {
                out.truncate(size);
            } catch (IOException ignored) {
                // the write failure is the one to report
            }
            throw e;
        }
        size += b.length;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(Instant.now(clock), zone);
    }

    private void open() throws IOException {
        out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        size = out.size();
        out.position(size);
    }

    private void roll() throws IOException {
        out.close();
        int n = 1;
        for (Path p : parts()) {
            Matcher m = partName.matcher(p.getFileName().toString());
            if (m.matches() && m.group(1).equals(day.toString())) n = Math.max(n, Integer.parseInt(m.group(2)) + 1);
        }
        Files.move(file, file.resolveSibling(partFile(day, n)));
        open();
        prune();
    }

    private String partFile(LocalDate d, int n) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + "." + d + "." + n + name.substring(dot) : name + "." + d + "." + n;
    }

    /** Deletes parts past the age, then the oldest while the total is over the cap. */
    private void prune() throws IOException {
        LocalDate oldest = today().minusDays(keepDays);
        List<Path> kept = new ArrayList<>();
        for (Path p : parts()) {
            Matcher m = partName.matcher(p.getFileName().toString());
            if (m.matches() && LocalDate.parse(m.group(1)).isBefore(oldest)) Files.deleteIfExists(p);
            else kept.add(p);
        }
        // Room for the part just begun to fill up, so the total stays under the cap, not cap + one part.
        long total = Math.min(maxBytes, totalCapBytes);
        for (Path p : kept) total += Files.size(p);
        for (Path p : kept) { // oldest first
            if (total <= totalCapBytes) break;
            total -= Files.size(p);
            Files.deleteIfExists(p);
        }
    }

    /** The rolled parts, oldest first. */
    public List<Path> parts() throws IOException {
        try (Stream<Path> s = Files.list(file.getParent())) {
            return s.filter(p -> partName.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path p) -> {
                        Matcher m = partName.matcher(p.getFileName().toString());
                        m.matches();
                        return m.group(1);
                    }).thenComparingInt(p -> {
                        Matcher m = partName.matcher(p.getFileName().toString());
                        m.matches();
                        return Integer.parseInt(m.group(2));
                    })).toList();
        }
    }

    /** Bytes of the current file and every part. */
    public long totalBytes() throws IOException {
        long t = Files.exists(file) ? Files.size(file) : 0;
        for (Path p : parts()) t += Files.size(p);
        return t;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
