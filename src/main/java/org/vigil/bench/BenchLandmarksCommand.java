package org.vigil.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vigil.base.SharedData;
import org.vigil.detect.FaceDetector;
import org.vigil.detect.FaceDetectors;
import org.vigil.detect.FacemarkLandmarker;
import org.vigil.detect.YuNetFaceDetector;
import org.vigil.nd.NativeSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** ./run.sh bench landmarks: landmark error on the dlib-faces photos, as a Markdown table. */
@Command(name = "landmarks", mixinStandardHelpOptions = true,
        description = {"Landmark error (inter-ocular normalised) of YuNet's 5 points and of LBF facemark models against",
                "dlib's 68-point annotations of real photos (shared/data/scenes/dlib-faces)."})
public class BenchLandmarksCommand implements Callable<Integer> {
    @Option(names = "--data", description = "folder with the photos and *_with_face_landmarks.xml; default $VIGIL_SHARED/data/scenes/dlib-faces")
    Path data;
    @Option(names = "--yunet-model", description = "YuNet ONNX file; default the shared one") Path yunetModel;
    @Option(names = "--facemark", description = "OpenCV LBF facemark models to measure too (repeatable); default the shared 5-point one")
    List<Path> facemarks;

    @Override
    public Integer call() {
        Path dir = data != null ? data : SharedData.root().resolve("data/scenes/dlib-faces");
        List<Path> xmls = new ArrayList<>();
        for (String n : List.of("training_with_face_landmarks.xml", "testing_with_face_landmarks.xml")) {
            if (Files.isRegularFile(dir.resolve(n))) xmls.add(dir.resolve(n));
        }
        if (xmls.isEmpty()) {
            System.err.println("bench landmarks: no *_with_face_landmarks.xml in " + dir);
            return 2;
        }
        Path yunet = yunetModel != null ? yunetModel : FaceDetectors.defaultYuNetModel(SharedData.root()).orElse(null);
        if (yunet == null) {
            System.err.println("bench landmarks: needs YuNet (--yunet-model)");
            return 2;
        }
        List<Path> fms = facemarks;
        if (fms == null) {
            Path shared = SharedData.root().resolve("models/facemark-lbf-5pt/lbfmodel.yaml");
            fms = Files.isRegularFile(shared) ? List.of(shared) : List.of();
        }
        System.out.printf(Locale.ROOT, "Date %s; machine: %s, %d cores; Java %s; %s.%n%n", LocalDate.now(), BenchModelCommand.cpuModel(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), NativeSetup.describe());
        System.out.println("| landmarks | faces matched | mean NME | eye L | eye R | nose tip | mouth L | mouth R | faces NME < 0.10 |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        // Full resolution: the photos are small (500 px) and their faces 30-80 px.
        try (FaceDetector det = new YuNetFaceDetector(yunet, 0, YuNetFaceDetector.DEFAULT_SCORE_THRESHOLD)) {
            row(LandmarkBenchmark.run(dir, xmls, det, null));
            for (Path fm : fms) {
                try (FacemarkLandmarker lm = new FacemarkLandmarker(fm)) {
                    row(LandmarkBenchmark.run(dir, xmls, det, lm));
                } catch (RuntimeException e) {
                    System.out.println("| facemark " + fm.getFileName() + " | failed: " + e.getMessage().replace('|', '/') + " |||||||");
                }
            }
        }
        System.out.println();
        System.out.println("NME: distance to the annotated point / distance between the annotated eye centres; mean over matched faces"
                + " (per-point columns: median). Ground truth: dlib's 68 points (themselves a model's output) on "
                + xmls.size() + " file(s) in " + dir + ".");
        return 0;
    }

    private static void row(LandmarkBenchmark.Errors e) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "| %s | %d of %d | %.3f |", e.source(), e.matched(), e.annotated(), e.meanAll()));
        for (int i = 0; i < 5; i++) {
            double v = e.medianOf(i);
            sb.append(Double.isNaN(v) ? " - |" : String.format(Locale.ROOT, " %.3f |", v));
        }
        sb.append(String.format(Locale.ROOT, " %.0f%% |", e.shareBelow(0.10) * 100));
        System.out.println(sb);
    }
}
