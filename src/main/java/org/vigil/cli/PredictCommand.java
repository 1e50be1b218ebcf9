package org.vigil.cli;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vigil.app.Detection;
import org.vigil.app.Vigil;
import org.vigil.base.Defaults;
import org.vigil.classify.EmotionModel;
import org.vigil.detect.FaceCrop;
import org.vigil.detect.FaceDetector;
import org.vigil.detect.FaceDetectors;
import org.vigil.eval.FaceAnnotator;
import org.vigil.detect.FaceBox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Find the faces in photos and label each with its emotion: one JSON object per photo on",
                "stdout (box, landmarks, probabilities) and, with --out, an annotated copy of each photo."})
public class PredictCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", description = "photos (jpg, png, ...)") List<Path> photos;
    @Option(names = {"--model", "-m"}, description = "a .vigil model or Keras .h5; default " + Defaults.MODEL_TEXT)
    Path model;
    @Mixin DetectorOptions detection;
    @Option(names = "--whole-image", description = "the photos are already face crops (e.g. FER-2013): skip detection")
    boolean wholeImage;
    @Option(names = "--out", description = "folder for annotated copies (<name>-annotated.png)") Path out;
    @Option(names = "--align", description = "NONE, ROTATE or ROTATE_SCALE: align faces by the eye line before classifying; "
            + "default NONE (see docs/benchmarks.md, Alignment)") FaceCrop.Alignment align;

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = new ObjectMapper();
        int failures = 0;
        try (EmotionModel m = Vigil.loadModel(model)) {
            Detection det = detection.resolve();
            FaceCrop cropper = FaceCrop.forModel(m.metadata(), align == null ? FaceCrop.DEFAULT_ALIGNMENT : align);
            try (FaceDetector fd = wholeImage ? null : FaceDetectors.create(det.kind(), det.yunetModel(), 1280)) {
                if (out != null) Files.createDirectories(out);
                for (Path photo : photos) {
                    Mat img = Files.isRegularFile(photo) ? imread(photo.toString()) : null;
                    if (img == null || img.empty()) {
                        System.err.println("predict: cannot read image " + photo);
                        failures++;
                        continue;
                    }
                    List<FaceBox> faces = wholeImage
                            ? List.of(new FaceBox(0, 0, img.cols(), img.rows(), 1f, null, -1))
                            : fd.detect(img);
                    FaceCrop crop = wholeImage ? new FaceCrop(cropper.width(), cropper.height(), 0) : cropper;
                    List<byte[]> crops = new ArrayList<>();
                    for (FaceBox f : faces) crops.add(crop.crop(img, f));
                    float[][] probs = m.predict(crops);
                    System.out.println(json.writeValueAsString(result(photo, img, faces, probs, m.labels(),
                            wholeImage ? "none" : fd.name())));
                    if (out != null) {
                        BufferedImage bi;
                        try (OpenCVFrameConverter.ToMat toMat = new OpenCVFrameConverter.ToMat();
                             Java2DFrameConverter toImg = new Java2DFrameConverter()) {
                            bi = toImg.convert(toMat.convert(img));
                        }
                        BufferedImage annotated = FaceAnnotator.annotate(bi, faces, List.of(probs), m.labels());
                        String base = photo.getFileName().toString().replaceFirst("\\.[^.]+$", "");
                        ImageIO.write(annotated, "png", out.resolve(base + "-annotated.png").toFile());
                    }
                    img.close();
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    static Map<String, Object> result(Path photo, Mat img, List<FaceBox> faces, float[][] probs, List<String> labels, String detector) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("image", photo.toString());
        r.put("width", img.cols());
        r.put("height", img.rows());
        r.put("detector", detector);
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            FaceBox f = faces.get(i);
            Map<String, Object> face = new LinkedHashMap<>();
            face.put("box", List.of(f.x(), f.y(), f.width(), f.height()));
            face.put("score", Math.round(f.score() * 1000) / 1000.0);
            List<Double> lm = new ArrayList<>();
            for (float v : f.landmarks()) lm.add(Math.round(v * 10) / 10.0);
            face.put("landmarks", lm);
            Map<String, Double> p = new LinkedHashMap<>();
            for (int k = 0; k < labels.size(); k++) p.put(labels.get(k), Math.round(probs[i][k] * 10000) / 10000.0);
            face.put("label", labels.get(org.vigil.classify.EmotionModel.argmax(probs[i])));
            face.put("probabilities", p);
            list.add(face);
        }
        r.put("faces", list);
        return r;
    }
}
