package org.vigil.cli;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vigil.app.Detection;
import org.vigil.app.Vigil;
import org.vigil.base.Defaults;
import org.vigil.classify.EmotionModel;
import org.vigil.detect.FaceCrop;
import org.vigil.detect.FaceDetector;
import org.vigil.detect.FaceDetectors;
import org.vigil.explain.FeatureMaps;
import org.vigil.explain.Heatmap;
import org.vigil.explain.Saliency;
import org.vigil.detect.FaceBox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Look inside the network for the faces in a photo: writes, per face, a PNG grid of the",
                "feature maps of chosen layers (<name>-face<N>-features.png) and a saliency overlay showing which",
                "parts of the face drove the prediction (<name>-face<N>-saliency.png): Grad-CAM for Vigil's own",
                "models, occlusion sensitivity for imported Keras models. One JSON line per face on stdout."})
public class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "a photo (jpg, png, ...) or a face crop with --whole-image") Path image;
    @Option(names = {"--model", "-m"}, description = "a .vigil model or Keras .h5; default " + Defaults.MODEL_TEXT)
    Path model;
    @Option(names = "--layers", split = ",", description = "feature layers to draw (default: first, middle and last); "
            + "'list' prints the model's layers") List<String> layers;
    @Option(names = "--class", description = "explain this class (label) instead of the predicted one") String className;
    @Option(names = "--max-maps", defaultValue = "64", description = "most active maps drawn per layer; default ${DEFAULT-VALUE}")
    int maxMaps;
    @Mixin DetectorOptions detection;
    @Option(names = "--whole-image", description = "the image is already a face crop: skip detection") boolean wholeImage;
    @Option(names = "--align", description = "NONE, ROTATE or ROTATE_SCALE: align faces by the eye line before classifying; "
            + "default NONE (see docs/benchmarks.md, Alignment)") FaceCrop.Alignment align;
    @Option(names = "--out", defaultValue = ".", description = "folder for the PNGs; default the current folder") Path out;

    @Override
    public Integer call() throws Exception {
        Mat img = Files.isRegularFile(image) ? imread(image.toString()) : null;
        if (img == null || img.empty()) {
            System.err.println("explain: cannot read image " + image);
            return 2;
        }
        try (EmotionModel m = Vigil.loadModel(model)) {
            List<String> all = FeatureMaps.layers(m);
            if (layers != null && layers.size() == 1 && layers.get(0).equals("list")) {
                all.forEach(System.out::println);
                return 0;
            }
            List<String> chosen = layers != null ? layers : defaultLayers(all);
            for (String l : chosen) {
                if (!all.contains(l)) {
                    System.err.println("explain: model " + m.metadata().name() + " has no feature layer '" + l + "'; it has " + all);
                    return 2;
                }
            }
            int forced = -1;
            if (className != null) {
                forced = m.labels().indexOf(className);
                if (forced < 0) {
                    System.err.println("explain: unknown class '" + className + "'; the model's classes are " + m.labels());
                    return 2;
                }
            }
            List<FaceBox> faces;
            FaceCrop crop;
            if (wholeImage) {
                faces = List.of(new FaceBox(0, 0, img.cols(), img.rows(), 1f, null, -1));
                crop = new FaceCrop(m.metadata().inputWidth(), m.metadata().inputHeight(), 0);
            } else {
                Detection det = detection.resolve();
                try (FaceDetector fd = FaceDetectors.create(det.kind(), det.yunetModel(), 1280)) {
                    faces = fd.detect(img);
                }
                crop = FaceCrop.forModel(m.metadata(), align == null ? FaceCrop.DEFAULT_ALIGNMENT : align);
            }
            if (faces.isEmpty()) System.err.println("explain: no face found in " + image);
            Files.createDirectories(out);
            Saliency saliency = new Saliency(m);
            ObjectMapper json = new ObjectMapper();
            String base = image.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            for (int i = 0; i < faces.size(); i++) {
                byte[] px = crop.crop(img, faces.get(i));
                float[] p = m.predict(List.of(px))[0];
                int best = EmotionModel.argmax(p);
                int target = forced >= 0 ? forced : best;
                List<BufferedImage> grids = new ArrayList<>();
                for (String l : chosen) grids.add(FeatureMaps.grid(FeatureMaps.of(m, px, l), maxMaps, 40));
                Path features = out.resolve(base + "-face" + (i + 1) + "-features.png");
                ImageIO.write(stack(grids), "png", features.toFile());
                Heatmap map = saliency.heatmap(px, target);
                Path overlay = out.resolve(base + "-face" + (i + 1) + "-saliency.png");
                ImageIO.write(sideBySide(px, map, 240), "png", overlay.toFile());
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("image", image.toString());
                r.put("face", i + 1);
                FaceBox f = faces.get(i);
                r.put("box", List.of(f.x(), f.y(), f.width(), f.height()));
                r.put("predicted", m.labels().get(best));
                r.put("probability", Math.round(p[best] * 10000) / 10000.0);
                r.put("explained", m.labels().get(target));
                r.put("method", map.method());
                if (map.layer() != null) r.put("layer", map.layer());
                r.put("layers", chosen);
                r.put("features_png", features.toString());
                r.put("saliency_png", overlay.toString());
                System.out.println(json.writeValueAsString(r));
            }
        } finally {
            img.close();
        }
        return 0;
    }

    static List<String> defaultLayers(List<String> all) {
        if (all.size() <= 3) return all;
        return List.of(all.get(0), all.get(all.size() / 2), all.get(all.size() - 1));
    }

    private static BufferedImage stack(List<BufferedImage> parts) {
        int w = 0, h = 0;
        for (BufferedImage b : parts) {
            w = Math.max(w, b.getWidth());
            h += b.getHeight();
        }
        BufferedImage img = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        int y = 0;
        for (BufferedImage b : parts) {
            g.drawImage(b, 0, y, null);
            y += b.getHeight();
        }
        g.dispose();
        return img;
    }

    /** The grey crop the model saw, and the same crop with the saliency overlay. */
    private static BufferedImage sideBySide(byte[] px, Heatmap map, int size) {
        BufferedImage overlay = Saliency.render(px, map, size);
        BufferedImage grey = new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setDataElements(0, 0, map.width(), map.height(), px);
        BufferedImage out = new BufferedImage(overlay.getWidth() * 2 + 8, overlay.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(grey, 0, 0, overlay.getWidth(), overlay.getHeight(), null);
        g.drawImage(overlay, overlay.getWidth() + 8, 0, null);
        g.dispose();
        return out;
    }
}
