package org.vigil.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vigil.classify.EmotionLabels;
import org.vigil.base.SharedData;
import org.vigil.detect.FaceDetectors;
import org.vigil.detect.YuNetFaceDetector;
import org.vigil.eval.FaceFrame;
import org.vigil.data.ImageSet;
import org.vigil.data.ImageSetLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** ./run.sh bench crop: the training crop of FER faces in units of YuNet's box, as a Markdown table. */
@Command(name = "crop", mixinStandardHelpOptions = true,
        description = {"How FER faces (what the emotion models learned on) are framed relative to the box YuNet finds:",
                "each face is enlarged, put into a frame, detected, and its known square expressed in box units."})
public class BenchCropCommand implements Callable<Integer> {
    @Option(names = "--data", description = "FER+ folder (label.csv) or folder of class folders; default $VIGIL_SHARED/data/ferplus/valid")
    Path data;
    @Option(names = "--limit-per-class", defaultValue = "100", description = "faces per class (random, seed 42); default ${DEFAULT-VALUE}")
    int limitPerClass;
    @Option(names = "--upscale", defaultValue = "192", description = "face side in the frame, pixels; default ${DEFAULT-VALUE}")
    int upscale;
    @Option(names = "--pad", defaultValue = "0.5", description = "border per side, fraction of the face side; default ${DEFAULT-VALUE}")
    double pad;
    @Option(names = "--border", split = ",", defaultValue = "REFLECT,REPLICATE,GREY,BLUR",
            description = "what surrounds the face: REFLECT, REPLICATE, GREY, BLUR (comma-separated to compare); default ${DEFAULT-VALUE}")
    List<String> borders;
    @Option(names = "--yunet-model", description = "YuNet ONNX file; default the shared one") Path yunetModel;

    @Override
    public Integer call() {
        Path dir = data != null ? data : SharedData.root().resolve("data/ferplus/valid");
        Path yunet = yunetModel != null ? yunetModel : FaceDetectors.defaultYuNetModel(SharedData.root()).orElse(null);
        if (yunet == null) {
            System.err.println("bench crop: needs YuNet (--yunet-model)");
            return 2;
        }
        ImageSet set = ImageSetLoader.load(dir, EmotionLabels.FER7, 48, 48, null);
        if (limitPerClass > 0) set = set.limitPerClass(limitPerClass, 42);
        System.out.printf(Locale.ROOT, "Date %s; machine: %s, %d cores; Java %s. %d faces from %s, enlarged to %d px, border %.2f per side.%n%n",
                LocalDate.now(), BenchModelCommand.cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), set.size(), dir, upscale, pad);
        System.out.println("| border | faces found | centre offset x (box w) | centre offset y (box h) | side / box w | side / box h "
                + "| box w/h | eye midpoint x, y (side) | eye distance (side) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        // Full resolution: the frames are small and the detector must see the face as sharply as possible.
        try (YuNetFaceDetector det = new YuNetFaceDetector(yunet, 0, YuNetFaceDetector.DEFAULT_SCORE_THRESHOLD)) {
            for (String b : borders) {
                CropFramingProbe.Result r = CropFramingProbe.measure(set, det, upscale, pad, FaceFrame.Border.parse(b));
                System.out.printf(Locale.ROOT, "| %s | %d of %d | %s | %s | %s | %s | %s | %.3f, %.3f | %s |%n", b, r.found(), r.faces(),
                        fmt(r.spread(CropFramingProbe.Sample::offsetX)), fmt(r.spread(CropFramingProbe.Sample::offsetY)),
                        fmt(r.spread(CropFramingProbe.Sample::widthScale)), fmt(r.spread(CropFramingProbe.Sample::heightScale)),
                        fmt(r.spread(CropFramingProbe.Sample::boxAspect)), r.spread(CropFramingProbe.Sample::eyeMidX).median(),
                        r.spread(CropFramingProbe.Sample::eyeMidY).median(), fmt(r.spread(CropFramingProbe.Sample::eyeDistance)));
                System.err.printf(Locale.ROOT, "%s: relative IQR of side/box w %.3f, side/box h %.3f, side/sqrt(w*h) %.3f, side/max(w,h) %.3f%n", b,
                        r.spread(CropFramingProbe.Sample::widthScale).relativeIqr(), r.spread(CropFramingProbe.Sample::heightScale).relativeIqr(),
                        r.spread(s -> Math.sqrt(s.widthScale() * s.heightScale())).relativeIqr(),
                        r.spread(s -> Math.min(s.widthScale(), s.heightScale())).relativeIqr());
            }
        }
        System.out.println();
        System.out.println("Medians, quartiles in brackets. Offsets: training crop centre minus box centre. Side: the training crop's side.");
        return 0;
    }

    private static String fmt(CropFramingProbe.Spread s) {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", s.median(), s.p25(), s.p75());
    }
}
