package org.vigil.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A small FER+ folder for command tests: the first rows of a real split's label.csv and their images. */
public final class FerPlusSample {
    private FerPlusSample() {}

    /** Copies the first {@code rows} faces of {@code data/ferplus/SPLIT} into a new folder {@code into}. */
    public static Path copy(String split, int rows, Path into) throws IOException {
        Path source = SharedFiles.require("data/ferplus/" + split);
        Path dir = Files.createDirectories(into);
        List<String> lines = Files.readAllLines(source.resolve("label.csv")).subList(0, rows);
        Files.write(dir.resolve("label.csv"), lines);
        for (String row : lines) {
            String image = row.substring(0, row.indexOf(','));
            Files.copy(source.resolve(image), dir.resolve(image));
        }
        return dir;
    }
}
