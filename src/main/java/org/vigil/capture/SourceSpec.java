package org.vigil.capture;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where one bed's frames come from.
 *
 * @param bed      bed name used in every output line
 * @param location as given: a file path, "camera:N", or an rtsp/http(s)/udp URL
 */
public record SourceSpec(String bed, Kind kind, String location) {

    public enum Kind {
        /** A video file: ends; may be played at its real rate or as fast as possible. */
        FILE,
        /** A local webcam by index: reconnects when unplugged. */
        CAMERA,
        /** A network stream: reconnects with back-off when it drops. */
        STREAM
    }

    public SourceSpec {
        if (bed == null || bed.isBlank()) throw new IllegalArgumentException("a bed needs a name");
    }

    /** Parses a --source value: camera:0, rtsp://..., http(s)://..., or a file path. */
    public static SourceSpec parse(String bed, String source) {
        String s = source.trim();
        if (s.startsWith("camera:")) {
            String idx = s.substring("camera:".length());
            try {
                Integer.parseInt(idx);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--source " + source + ": camera index must be a number, e.g. camera:0");
            }
            return new SourceSpec(bed, Kind.CAMERA, s);
        }
        if (s.matches("^(rtsp|rtsps|rtmp|http|https|udp|tcp|srt)://.*")) {
            return new SourceSpec(bed, Kind.STREAM, s);
        }
        return new SourceSpec(bed, Kind.FILE, s);
    }

    /** /dev/videoN for a "camera:N" source as typed, else null (not a camera, or not a number). */
    public static String cameraDevice(String source) {
        if (source == null || !source.startsWith("camera:")) return null;
        String idx = source.substring("camera:".length()).trim();
        return idx.matches("\\d+") ? "/dev/video" + idx : null;
    }

    public int cameraIndex() {
        return Integer.parseInt(location.substring("camera:".length()));
    }

    public boolean fileExists() {
        return kind == Kind.FILE && Files.isRegularFile(Path.of(location));
    }

    /** A short description for logs and technical lines (no credentials: user:pass@ is hidden). */
    public String describe() {
        return kind == Kind.STREAM ? location.replaceAll("//[^/@]*@", "//***@") : location;
    }
}
