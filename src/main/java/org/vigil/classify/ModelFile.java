package org.vigil.classify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.autodiff.samediff.SameDiff;
import org.vigil.base.AtomicFiles;

/**
 * Vigil's model format: one zip file holding {@code vigil-model.json} (metadata) and the network
 * ({@code network.samediff} or {@code network.dl4j}). Loading validates everything it can, so a
 * wrong or corrupt file fails here with the file's name rather than deep inside the pipeline.
 */
public final class ModelFile {
    public static final String METADATA_ENTRY = "vigil-model.json";
    public static final String SAMEDIFF_ENTRY = "network.samediff";
    public static final String DL4J_ENTRY = "network.dl4j";

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelFile() {}

    public static void save(EmotionModel model, Path file) throws IOException {
        save(model, model.metadata(), file);
    }

    /** Writes the model's network with other metadata (e.g. a fitted temperature); the network must match it. */
    public static void save(EmotionModel model, ModelMetadata metadata, Path file) throws IOException {
        if (!java.util.Objects.equals(model.metadata().engine(), metadata.engine())) {
            throw new IllegalArgumentException("metadata for engine " + metadata.engine() + " cannot describe a "
                    + model.metadata().engine() + " network (" + file + ")");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path net = Files.createTempFile("vigil-net", ".bin");
        try {
            String entry;
            if (model instanceof SameDiffEmotionModel sd) {
                sd.graph().save(net.toFile(), false);
                entry = SAMEDIFF_ENTRY;
            } else if (model instanceof GraphEmotionModel g) {
                ModelSerializer.writeModel(g.graph(), net.toFile(), false);
                entry = DL4J_ENTRY;
            } else {
                throw new IllegalArgumentException("cannot save model type " + model.getClass().getName());
            }
            // Atomic replace: a crash while saving never leaves a half-written model behind.
            AtomicFiles.replace(file, tmp -> {
                try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(os)) {
                    zip.putNextEntry(new ZipEntry(METADATA_ENTRY));
                    zip.write(JSON.writeValueAsBytes(metadata));
                    zip.closeEntry();
                    zip.putNextEntry(new ZipEntry(entry));
                    Files.copy(net, zip);
                    zip.closeEntry();
                }
            });
        } finally {
            Files.deleteIfExists(net);
        }
    }

    public static ModelMetadata readMetadata(Path file) {
        if (!Files.isRegularFile(file)) throw new ModelFileException(file, "no such file");
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(METADATA_ENTRY);
            if (e == null) {
                throw new ModelFileException(file, "not a Vigil model (no " + METADATA_ENTRY
                        + "); a Keras .h5 file must be converted first with 'import-keras'");
            }
            ModelMetadata meta;
            try (InputStream in = zip.getInputStream(e)) {
                meta = JSON.readValue(in, ModelMetadata.class);
            } catch (IOException ex) {
                throw new ModelFileException(file, "metadata is not valid: " + ex.getMessage(), ex);
            }
            validate(file, meta);
            return meta;
        } catch (java.util.zip.ZipException ex) {
            throw new ModelFileException(file, "not a Vigil model file (not a zip archive, or it is corrupt: "
                    + ex.getMessage() + ")", ex);
        } catch (IOException ex) {
            throw new ModelFileException(file, "cannot be read: " + ex.getMessage(), ex);
        }
    }

    public static EmotionModel load(Path file) {
        ModelMetadata meta = readMetadata(file);
        String entryName = switch (meta.engine()) {
            case "samediff" -> SAMEDIFF_ENTRY;
            case "dl4j-graph" -> DL4J_ENTRY;
            default -> throw new ModelFileException(file, "unknown engine '" + meta.engine() + "'");
        };
        Path net = null;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(entryName);
            if (e == null) throw new ModelFileException(file, "network entry '" + entryName + "' is missing");
            net = Files.createTempFile("vigil-net", ".bin");
            try (InputStream in = zip.getInputStream(e)) {
                Files.copy(in, net, StandardCopyOption.REPLACE_EXISTING);
            }
            EmotionModel model;
            try {
                if (entryName.equals(SAMEDIFF_ENTRY)) {
                    SameDiff graph = SameDiff.load(net.toFile(), false);
                    checkPlaceholder(file, graph, meta);
                    model = new SameDiffEmotionModel(graph, meta);
                } else {
                    ComputationGraph g = ModelSerializer.restoreComputationGraph(net.toFile(), false);
                    model = new GraphEmotionModel(g, meta);
                }
            } catch (RuntimeException | IOException ex) {
                throw new ModelFileException(file, "network is corrupt or unreadable: " + ex, ex);
            }
            checkOutputWidth(file, model);
            return model;
        } catch (IOException ex) {
            throw new ModelFileException(file, "cannot be read: " + ex.getMessage(), ex);
        } finally {
            if (net != null) {
                try {
                    Files.deleteIfExists(net);
                } catch (IOException ignored) {
                    // temp file; the OS cleans up
                }
            }
        }
    }

    /**
     * A fully convolutional network runs on any input size, so a wrong size in the metadata would go
     * unnoticed by a test forward pass; the placeholder's declared shape tells the truth.
     */
    private static void checkPlaceholder(Path file, SameDiff graph, ModelMetadata m) {
        var input = graph.getVariable(m.inputName());
        if (input == null) throw new ModelFileException(file, "network has no input named '" + m.inputName() + "'");
        if (graph.getVariable(m.outputName()) == null) {
            throw new ModelFileException(file, "network has no output named '" + m.outputName() + "'");
        }
        long[] shape = input.getShape();
        if (shape != null && shape.length == 4) {
            boolean nchw = "NCHW".equals(m.layout());
            long h = nchw ? shape[2] : shape[1], w = nchw ? shape[3] : shape[2];
            if ((h > 0 && h != m.inputHeight()) || (w > 0 && w != m.inputWidth())) {
                throw new ModelFileException(file, "network input is " + h + "x" + w + " but metadata says "
                        + m.inputHeight() + "x" + m.inputWidth());
            }
        }
    }

    /** One dummy forward pass: the network must accept the declared input and give one score per label. */
    private static void checkOutputWidth(Path file, EmotionModel model) {
        ModelMetadata m = model.metadata();
        float[][] out;
        try {
            out = model.predict(List.of(new byte[m.inputHeight() * m.inputWidth()]));
        } catch (RuntimeException ex) {
            throw new ModelFileException(file, "network does not accept the declared input "
                    + m.inputHeight() + "x" + m.inputWidth() + " " + m.layout() + ": " + ex.getMessage(), ex);
        }
        if (out.length != 1 || out[0].length != m.classes()) {
            throw new ModelFileException(file, "network gives " + (out.length == 0 ? 0 : out[0].length)
                    + " outputs but metadata lists " + m.classes() + " labels " + m.labels());
        }
    }

    static void validate(Path file, ModelMetadata m) {
        List<String> problems = new ArrayList<>();
        if (m.formatVersion() < 1 || m.formatVersion() > ModelMetadata.FORMAT_VERSION) {
            problems.add("formatVersion " + m.formatVersion() + " is not supported (this Vigil reads 1.."
                    + ModelMetadata.FORMAT_VERSION + ")");
        }
        if (m.labels() == null || m.labels().size() < 2) problems.add("labels must list at least 2 classes");
        else if (new HashSet<>(m.labels()).size() != m.labels().size()) problems.add("labels repeat: " + m.labels());
        if (m.inputHeight() < 8 || m.inputWidth() < 8 || m.inputHeight() > 1024 || m.inputWidth() > 1024) {
            problems.add("input size " + m.inputHeight() + "x" + m.inputWidth() + " is out of range");
        }
        if (!"NCHW".equals(m.layout()) && !"NHWC".equals(m.layout())) problems.add("layout must be NCHW or NHWC, got " + m.layout());
        if (m.preprocessing() == null) problems.add("preprocessing is missing");
        if (m.engine() == null) problems.add("engine is missing");
        if (!(m.temperature() > 0) || Double.isInfinite(m.temperature())) {
            problems.add("temperature must be a positive number, got " + m.temperature());
        }
        if ("samediff".equals(m.engine()) && (m.inputName() == null || m.outputName() == null)) {
            problems.add("inputName and outputName are required for a samediff network");
        }
        if (!problems.isEmpty()) throw new ModelFileException(file, String.join("; ", problems));
    }
}
