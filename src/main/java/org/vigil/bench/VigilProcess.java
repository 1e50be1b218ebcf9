package org.vigil.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One Vigil command in its own JVM (this JVM's class path, {@code org.vigil.cli.Main}), stdout and stderr into a log file. */
final class VigilProcess implements AutoCloseable {
    final String name;
    final Process process;
    final Path log;

    private VigilProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** @param maxHeap e.g. "1g" (the JVM's -Xmx) */
    static VigilProcess start(Path dir, String name, String maxHeap, List<String> args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"), "org.vigil.cli.Main"));
        cmd.addAll(args);
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new VigilProcess(name, p, log);
    }

    long pid() {
        return process.pid();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits for a log line containing {@code text}; a process that ends or takes too long stops the benchmark with its log. */
    void await(String text, double seconds) throws InterruptedException {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        while (!log().contains(text)) {
            if (!process.isAlive()) throw new IllegalStateException(name + " ended (exit " + process.exitValue() + ") before '" + text + "'; its log " + log + ":\n" + log());
            if (System.nanoTime() > until) throw new IllegalStateException(name + " did not say '" + text + "' within " + seconds + " s; its log " + log + ":\n" + log());
            Thread.sleep(200);
        }
    }

    /** SIGTERM (its shutdown hook says goodbye and closes its stores), then SIGKILL if it hangs. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) return;
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
