package org.vigil.data;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.vigil.classify.EmotionLabels;
import org.vigil.data.ImageSet;

/**
 * Reads FER-2013 style data: a folder with one sub-folder per class (any image size, resized to
 * the target), the challenge CSV {@code emotion,pixels,Usage}, or a FER+ folder with a
 * {@code label.csv} of crowd votes ({@link FerPlusLoader}). Classes not in the target label
 * set (disgust, fear, surprise for the 4-class model) are skipped.
 */
public final class ImageSetLoader {
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private static final List<String> IMAGE_EXT = List.of(".png", ".jpg", ".jpeg", ".bmp", ".pgm");

    private ImageSetLoader() {}

    public static ImageSet load(Path source, List<String> labels, int height, int width, String csvUsage) {
        if (FerPlusLoader.isFerPlus(source)) return FerPlusLoader.load(source, labels, height, width);
        if (Files.isDirectory(source)) return fromFolders(source, labels, height, width);
        if (Files.isRegularFile(source) && source.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return fromCsv(source, labels, height, width, csvUsage);
        }
        throw new DataFormatException("Data source " + source
                + " is neither a folder of class folders nor a .csv file" + (Files.exists(source) ? "" : " (it does not exist)"));
    }

    public static ImageSet fromFolders(Path root, List<String> labels, int height, int width) {
        return fromFolders(root, labels, height, width, 0, 0);
    }

    /**
     * @param perClassLimit when above 0, decode only this many files per class, picked at random
     *                      with {@code seed} (fast, repeatable samples for tests and quick checks)
     */
    public static ImageSet fromFolders(Path root, List<String> labels, int height, int width, int perClassLimit, long seed) {
        java.util.Map<Integer, List<Path>> byClass = new java.util.LinkedHashMap<>();
        for (LabelledFile f : classFolderFiles(root, labels)) byClass.computeIfAbsent(f.label(), k -> new ArrayList<>()).add(f.file());
        List<Path> files = new ArrayList<>();
        List<Integer> fileLabels = new ArrayList<>();
        byClass.forEach((label, all) -> {
            List<Path> classFiles = new ArrayList<>(all);
            if (perClassLimit > 0 && classFiles.size() > perClassLimit) {
                java.util.Collections.shuffle(classFiles, new java.util.Random(seed + label));
                classFiles = classFiles.subList(0, perClassLimit);
            }
            for (Path p : classFiles) {
                files.add(p);
                fileLabels.add(label);
            }
        });
        int px = height * width;
        byte[] pixels = new byte[files.size() * px];
        int[] lab = new int[files.size()];
        // Decoding is the slow part (tens of thousands of small files): split it over the cores.
        java.util.stream.IntStream.range(0, files.size()).parallel().forEach(i -> {
            Path f = files.get(i);
            try (Mat img = imread(f.toString(), IMREAD_GRAYSCALE)) {
                if (img == null || img.empty()) throw new DataFormatException("Cannot decode image " + f);
                copyResized(img, height, width, pixels, i * px);
            }
            lab[i] = fileLabels.get(i);
        });
        return new ImageSet(labels, height, width, pixels, lab, root.toString());
    }

    /** An image file and its class (index in the label list), not yet decoded. */
    public record LabelledFile(Path file, int label) {}

    /**
     * The labelled image files of a folder of class folders or of a FER+ folder (majority labels, as
     * {@link FerPlusLoader} gives them), for readers that need each image at its own size (evaluate --detect).
     */
    public static List<LabelledFile> files(Path source, List<String> labels) {
        if (FerPlusLoader.isFerPlus(source)) return FerPlusLoader.files(source, labels);
        if (Files.isDirectory(source)) return classFolderFiles(source, labels);
        throw new DataFormatException("Data source " + source + " is neither a folder of class folders nor a FER+ folder with "
                + FerPlusLoader.LABEL_FILE + (Files.exists(source) ? "" : " (it does not exist)"));
    }

    /** Image files in class folders named by {@code labels}, class folders and files in name order. */
    static List<LabelledFile> classFolderFiles(Path root, List<String> labels) {
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(root)) {
            classDirs = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new DataFormatException("Cannot list data folder " + root + ": " + e.getMessage(), e);
        }
        List<LabelledFile> files = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Path dir : classDirs) {
            String name = dir.getFileName().toString();
            int label = EmotionLabels.indexIn(labels, name);
            if (label < 0) {
                if (!EmotionLabels.FER7.contains(name.toLowerCase(Locale.ROOT))) unknown.add(name);
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> IMAGE_EXT.stream().anyMatch(ext -> p.toString().toLowerCase(Locale.ROOT).endsWith(ext)))
                        .sorted().forEach(p -> files.add(new LabelledFile(p, label)));
            } catch (IOException e) {
                throw new DataFormatException("Cannot list class folder " + dir + ": " + e.getMessage(), e);
            }
        }
        if (!unknown.isEmpty()) {
            throw new DataFormatException("Data folder " + root + " has class folders " + unknown
                    + " that are not FER-2013 classes " + EmotionLabels.FER7);
        }
        if (files.isEmpty()) {
            throw new DataFormatException("Data folder " + root + " has no images in class folders named like "
                    + labels + " (expected <folder>/<class>/*.png|jpg)");
        }
        return files;
    }

    static void copyResized(Mat grey, int height, int width, byte[] dst, int offset) {
        if (grey.rows() == height && grey.cols() == width && grey.isContinuous()) {
            grey.data().get(dst, offset, height * width);
            return;
        }
        int interp = grey.rows() > height ? INTER_AREA : INTER_LINEAR;
        try (Mat r = new Mat(); Size size = new Size(width, height)) {
            resize(grey, r, size, 0, 0, interp);
            r.data().get(dst, offset, height * width);
        }
    }

    /**
     * @param usage keep only rows whose Usage column equals this ("Training", "PublicTest",
     *              "PrivateTest"), "Test" for both test parts, or null for every row
     */
    public static ImageSet fromCsv(Path csv, List<String> labels, int height, int width, String usage) {
        List<byte[]> images = new ArrayList<>();
        List<Integer> lab = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(csv.toFile())) {
            if (!it.hasNextValue()) throw new DataFormatException(csv + ": file is empty");
            String[] header = it.nextValue();
            List<String> cols = java.util.Arrays.stream(header).map(String::trim).toList();
            int ie = cols.indexOf("emotion"), ip = cols.indexOf("pixels"), iu = cols.indexOf("Usage");
            if (ie < 0 || ip < 0) {
                throw new DataFormatException(csv + ":1: header must have columns emotion,pixels[,Usage], got '"
                        + String.join(",", header) + "'");
            }
            while (it.hasNextValue()) {
                String[] f = it.nextValue();
                int lineNo = it.getCurrentLocation().getLineNr() - (f.length == 0 ? 0 : 1);
                if (f.length == 0 || f.length == 1 && f[0].isBlank()) continue;
                if (f.length < cols.size()) {
                    throw new DataFormatException(csv + ":" + lineNo + ": expected " + cols.size() + " columns, got " + f.length);
                }
                if (usage != null && iu >= 0 && !usageMatches(usage, f[iu].trim())) continue;
                int emotion;
                try {
                    emotion = Integer.parseInt(f[ie].trim());
                } catch (NumberFormatException e) {
                    throw new DataFormatException(csv + ":" + lineNo + ": emotion '" + f[ie] + "' is not a number 0-6");
                }
                if (emotion < 0 || emotion > 6) {
                    throw new DataFormatException(csv + ":" + lineNo + ": emotion " + emotion + " is outside 0-6");
                }
                int label = EmotionLabels.indexIn(labels, EmotionLabels.FER7.get(emotion));
                if (label < 0) continue;
                String[] values = f[ip].trim().split(" ");
                int side = (int) Math.round(Math.sqrt(values.length));
                if (side * side != values.length) {
                    throw new DataFormatException(csv + ":" + lineNo + ": " + values.length + " pixel values do not form a square image");
                }
                byte[] raw = new byte[values.length];
                for (int i = 0; i < values.length; i++) {
                    int v;
                    try {
                        v = Integer.parseInt(values[i]);
                    } catch (NumberFormatException e) {
                        throw new DataFormatException(csv + ":" + lineNo + ": pixel " + (i + 1) + " '" + values[i] + "' is not a number");
                    }
                    if (v < 0 || v > 255) throw new DataFormatException(csv + ":" + lineNo + ": pixel " + (i + 1) + " = " + v + " is outside 0-255");
                    raw[i] = (byte) v;
                }
                images.add(resizeRaw(raw, side, height, width));
                lab.add(label);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFormatException d) throw d;
            throw new DataFormatException("Cannot read " + csv + ": " + e.getMessage(), e);
        }
        if (images.isEmpty()) throw new DataFormatException(csv + ": no rows" + (usage == null ? "" : " with Usage " + usage));
        int px = height * width;
        byte[] pixels = new byte[images.size() * px];
        for (int i = 0; i < images.size(); i++) System.arraycopy(images.get(i), 0, pixels, i * px, px);
        return new ImageSet(labels, height, width, pixels, lab.stream().mapToInt(Integer::intValue).toArray(),
                csv + (usage == null ? "" : " [" + usage + "]"));
    }

    private static boolean usageMatches(String wanted, String actual) {
        if (wanted.equalsIgnoreCase("Test")) return actual.endsWith("Test");
        return wanted.equalsIgnoreCase(actual);
    }

    private static byte[] resizeRaw(byte[] raw, int side, int height, int width) {
        if (side == height && side == width) return raw;
        byte[] out = new byte[height * width];
        try (Mat m = new Mat(side, side, org.bytedeco.opencv.global.opencv_core.CV_8UC1)) {
            m.data().put(raw);
            copyResized(m, height, width, out, 0);
        }
        return out;
    }
}
