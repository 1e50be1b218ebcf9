package org.vigil.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.vigil.classify.EmotionModel;
import org.vigil.pipeline.EmotionSmoother;

/**
 * Synthetic "still face" score timelines from FER-2013 or FER+ test images, for measuring how a rule
 * behaves on many more faces than the few real clips hold: each synthetic patient is one image,
 * classified {@code fps} times a second for {@code seconds}, every frame slightly jittered (shift,
 * brightness, contrast, sensor noise) so the model's frame-to-frame noise shows, then smoothed like
 * the pipeline does (exponential average, tau 1.5 s). Calm patients come from neutral and happy
 * images, distressed ones from sad and angry ({@link StillFaceGroup}). Output: JSON lines, one bed per patient, readable by
 * {@link AlertReplay}. No image is written, only scores and the source file name.
 */
public final class FerStreams {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FerStreams() {}

    /**
     * Writes {@code patients} streams of {@code group}'s faces under {@code ferDir} (FER-2013 class
     * folders, or FER+ with at least {@code minVotes} of 10 votes; see {@link StillFaceGroup}).
     */
    public static void write(EmotionModel model, Path ferDir, StillFaceGroup group, int minVotes, int patients, double seconds,
                             double fps, long seed, double smoothingS, Path out) throws IOException {
        write(model, ferDir, group.candidates(ferDir, minVotes), group.name(), patients, seconds, fps, seed, smoothingS, out);
    }

    /** Writes {@code patients} streams drawn (seeded shuffle) from {@code candidates}, images under {@code root}. */
    public static void write(EmotionModel model, Path root, List<Path> candidates, String prefix, int patients, double seconds,
                             double fps, long seed, double smoothingS, Path out) throws IOException {
        // One generator for the draw and then the jitter, in that order: earlier figures stay reproducible.
        Random rnd = new Random(seed);
        List<Path> images = new ArrayList<>(candidates);
        Collections.shuffle(images, rnd);
        if (images.size() < patients) throw new IOException("only " + images.size() + " " + prefix + " images in " + root);
        int h = model.metadata().inputHeight(), w = model.metadata().inputWidth();
        int frames = (int) Math.round(seconds * fps);
        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        try (BufferedWriter wr = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int p = 0; p < patients; p++) {
                Path img = images.get(p);
                BufferedImage face = ImageIO.read(img.toFile());
                if (face == null) throw new IOException("cannot decode image " + img);
                List<byte[]> crops = new ArrayList<>(frames);
                for (int k = 0; k < frames; k++) crops.add(jitter(face, w, h, rnd));
                float[][] probs = model.predict(crops);
                EmotionSmoother sm = new EmotionSmoother(model.labels(), smoothingS);
                String bed = String.format("%s-%03d", prefix, p);
                for (int k = 0; k < frames; k++) {
                    double t = k / fps;
                    sm.add(t, probs[k]);
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("type", "status");
                    line.put("bed", bed);
                    line.put("t", Math.round(t * 1000) / 1000.0);
                    line.put("assessability", "ok");
                    Map<String, Double> em = new LinkedHashMap<>();
                    sm.scores().forEach((kk, v) -> em.put(kk, Math.round(v * 10000) / 10000.0));
                    line.put("emotions", em);
                    if (k == 0) line.put("source", root.relativize(img).toString());
                    wr.write(JSON.writeValueAsString(line));
                    wr.newLine();
                }
            }
        }
    }

    /** One camera-like variant of the face: shift up to 2 px, brightness/contrast +-10 %, noise sigma 4. */
    static byte[] jitter(BufferedImage face, int w, int h, Random rnd) {
        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        double sx = (double) w / face.getWidth(), sy = (double) h / face.getHeight();
        AffineTransform at = new AffineTransform();
        at.translate((rnd.nextDouble() * 4 - 2) * sx, (rnd.nextDouble() * 4 - 2) * sy);
        at.scale(sx, sy);
        g.drawImage(face, at, null);
        g.dispose();
        byte[] px = new byte[w * h];
        double gain = 0.9 + rnd.nextDouble() * 0.2, offset = rnd.nextDouble() * 20 - 10;
        var raster = dst.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = raster.getSample(x, y, 0) * gain + offset + rnd.nextGaussian() * 4;
                px[y * w + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        return px;
    }
}
