package org.vigil.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** The per-epoch training log ({@code training-log.csv}): appended by {@code train}, drawn by {@link Charts}. */
public final class TrainingLog {
    /** One finished epoch; losses and accuracies are measured after the epoch (see Trainer). */
    @JsonPropertyOrder({"epoch", "lr", "train_loss", "val_loss", "val_accuracy", "train_accuracy", "seconds", "images_per_second"})
    public record Epoch(int epoch, double lr, @JsonProperty("train_loss") double trainLoss,
                        @JsonProperty("val_loss") double valLoss, @JsonProperty("val_accuracy") double valAccuracy,
                        @JsonProperty("train_accuracy") double trainAccuracy, double seconds,
                        @JsonProperty("images_per_second") double imagesPerSecond) {
        /** Rounded as the log shows it: 5 decimals for losses and accuracies, 0.1 for times. */
        public Epoch rounded() {
            return new Epoch(epoch, Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", lr)), r(trainLoss, 1e5),
                    r(valLoss, 1e5), r(valAccuracy, 1e5), r(trainAccuracy, 1e5), r(seconds, 10), r(imagesPerSecond, 10));
        }

        private static double r(double v, double scale) {
            return Math.round(v * scale) / scale;
        }
    }

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CSV.schemaFor(Epoch.class);

    private TrainingLog() {}

    /** A new log holding only the header (a fresh run). */
    public static void start(Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            CSV.writer(SCHEMA.withHeader()).writeValues(w).writeAll(List.of()).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static void append(Path file, Epoch e) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            CSV.writer(SCHEMA.withoutHeader()).writeValue(w, e.rounded());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot append to " + file, ex);
        }
    }

    /** Every epoch in the file; the header names the columns, so their order may differ. */
    public static List<Epoch> read(Path file) {
        try (MappingIterator<Epoch> it = CSV.readerFor(Epoch.class).with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return it.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the training log " + file + ": " + e.getMessage(), e);
        }
    }
}
