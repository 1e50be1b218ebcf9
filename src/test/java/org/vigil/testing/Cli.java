package org.vigil.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.vigil.cli.Main;

/** Runs {@code ./run.sh ARGS} in this JVM (Main's command line) and keeps what it printed. */
public final class Cli {
    public record Run(int code, String out, String err) {
        /** The lines of stdout that are JSON objects (predict, explain, monitor print one per line). */
        public List<JsonNode> jsonLines() {
            ObjectMapper m = new ObjectMapper();
            List<JsonNode> lines = new ArrayList<>();
            try {
                for (String l : out.split("\n")) if (l.startsWith("{")) lines.add(m.readTree(l));
            } catch (IOException e) {
                throw new UncheckedIOException("stdout line is not JSON: " + e.getMessage(), e);
            }
            return lines;
        }
    }

    private Cli() {}

    public static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.commandLine().execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Starts {@code ./run.sh ARGS} on a thread of its own, for a command that runs on while the test talks to it
     * (monitor --metrics): stdout is dropped, stderr kept and readable as it is printed. The streams are restored
     * when the command ends.
     */
    public static Background start(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        FutureTask<Integer> task = new FutureTask<>(() -> {
            try {
                return Main.commandLine().execute(args);
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
        });
        new Thread(task, "cli-under-test").start();
        return new Background(task, err);
    }

    /** A command started by {@link #start}. */
    public static final class Background {
        private final FutureTask<Integer> task;
        private final ByteArrayOutputStream err;

        private Background(FutureTask<Integer> task, ByteArrayOutputStream err) {
            this.task = task;
            this.err = err;
        }

        /** What it printed on stderr so far. */
        public String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        public boolean isDone() {
            return task.isDone();
        }

        /** Waits for it to end; its exit code. */
        public int await(long timeout, TimeUnit unit) throws Exception {
            return task.get(timeout, unit);
        }
    }
}
