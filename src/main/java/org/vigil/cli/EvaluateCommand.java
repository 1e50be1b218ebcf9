package org.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vigil.app.Detection;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.ModelLoader;
import org.vigil.data.FerPlusLoader;
import org.vigil.eval.Charts;
import org.vigil.eval.ConfusionMatrix;
import org.vigil.eval.CrowdAgreement;
import org.vigil.eval.Evaluation;
import org.vigil.eval.Evaluator;
import org.vigil.data.ImageSet;
import org.vigil.eval.ReliabilityBins;
import org.vigil.data.ImageSetLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate one or more models side by side on labelled images: accuracy, per-class",
                "precision/recall/F1, confusion matrix (text and PNG), how often calm faces are called distress (on FER+,",
                "also by how many of the crowd saw distress in the same face), and",
                "calibration: negative log-likelihood and expected calibration error (ECE, reliability diagram PNG)."})
public class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "folder of class folders (any image size), FER+ folder (label.csv: majority labels) or challenge CSV")
    Path data;
    @Option(names = "--usage", description = "with a CSV: Training, PublicTest, PrivateTest or Test (both); default all rows")
    String usage;
    @Option(names = {"--model", "-m"}, required = true, description = "a .vigil model or Keras .h5/.hdf5; repeat to compare")
    List<Path> models;
    @Option(names = "--classes", defaultValue = "7", description = "judge on 7 FER-2013 classes or on the 4-class scheme; default ${DEFAULT-VALUE}")
    int classes;
    @Option(names = "--out", description = "write <model>-report.txt, <model>-confusion.png, <model>-reliability.png and summary.json here")
    Path out;
    @Option(names = "--flip-tta", description = "also evaluate each model averaged with its mirror image (test-time augmentation)")
    boolean flipTta;
    @Option(names = "--ensemble", description = {"also evaluate the mean of all the -m models' probabilities (an ensemble; with",
            "--flip-tta, its mirror average too); the models must answer the same classes"})
    boolean ensemble;
    @Option(names = "--json", description = "print one JSON object per model on stdout (the text report goes to stderr)")
    boolean json;
    @Option(names = "--detect", description = {"images are not pre-cropped: run the ward camera's path on each (detect -> align ->",
            "classify) and report how many faces were found; images without a face count as wrong"})
    boolean detect;
    @Mixin DetectorOptions detection;
    @Option(names = "--facemark", description = "with --detect: an OpenCV LBF facemark model (68 or 5 points) to refine the landmarks")
    Path facemark;
    @Option(names = "--align", split = ",", description = {"with --detect: NONE, ROTATE, ROTATE_SCALE, or several separated by",
            "commas to compare them on the same detections; default NONE"}) List<org.vigil.detect.FaceCrop.Alignment> align;
    @Option(names = "--upscale", defaultValue = "0", description = "with --detect: enlarge images whose shorter side is smaller "
            + "(e.g. 160 for 48x48 FER-2013 crops)") int upscale;
    @Option(names = "--pad", defaultValue = "0", description = "with --detect: border per side, fraction of the side (e.g. 0.3)")
    double pad;
    @Option(names = "--border", defaultValue = "REFLECT", description = {"with --detect and --pad: what fills the border: REFLECT,",
            "REPLICATE, GREY or BLUR (reflected then blurred: context without a mirrored second face); default ${DEFAULT-VALUE}"})
    org.vigil.eval.FaceFrame.Border border;
    @Option(names = "--framing", split = ",", description = {"with --detect: how the crop sits around the detector's box: fer (the",
            "framing of the FER training faces, the default) or margin=M (the old square of 1+2M times the box's longer side);",
            "several separated by commas are compared on the same detections"})
    List<String> framing;
    @Option(names = "--rotate", defaultValue = "0", description = "with --detect: rotate each image by a random angle within +-this many degrees")
    double rotate;
    @Option(names = "--limit-per-class", defaultValue = "0", description = "at most this many images per class (random, seeded); 0 = all")
    int limitPerClass;

    @Override
    public Integer call() throws Exception {
        if (detect) return inTheWild();
        List<String> labels = Evaluator.schemeLabels(classes);
        Map<Integer, ImageSet> bySize = new HashMap<>();
        List<Map<String, Object>> summaries = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        var text = json ? System.err : System.out;
        if (out != null) Files.createDirectories(out);
        List<Run> runs = new ArrayList<>();
        List<EmotionModel> loadedModels = new ArrayList<>();
        for (Path modelPath : models) {
            EmotionModel loaded = ModelLoader.load(modelPath);
            loadedModels.add(loaded);
            runs.add(new Run(modelPath.toString(), loaded));
            if (flipTta) runs.add(new Run(modelPath.toString(), new org.vigil.classify.FlipAveragingModel(loaded)));
        }
        if (ensemble) {
            String files = String.join(" + ", models.stream().map(Path::toString).toList());
            EmotionModel mean = new org.vigil.classify.AveragingModel(loadedModels);
            runs.add(new Run(files, mean));
            if (flipTta) runs.add(new Run(files, new org.vigil.classify.FlipAveragingModel(mean)));
        }
        // FER+: how many of the crowd saw anger or sadness in each face (to split the calm faces read as distress).
        int[] crowdVotes = FerPlusLoader.isFerPlus(data) ? CrowdAgreement.distressVotes(FerPlusLoader.keptVotes(data, labels)) : null;
        for (Run run : runs) {
            String modelPath = run.file();
            EmotionModel model = run.model();
            int size = model.metadata().inputHeight();
            ImageSet set = bySize.computeIfAbsent(size, s -> ImageSetLoader.load(data, labels, s, s, usage));
            long t0 = System.nanoTime();
            Evaluation ev = Evaluator.assess(model, set);
            ConfusionMatrix cm = ev.confusion();
            ReliabilityBins reliability = ev.reliability();
            double secs = (System.nanoTime() - t0) / 1e9;
            String name = model.metadata().name();
            text.printf("%n== %s (%s, %d classes) on %s: %d images, %.1f s%n", name, modelPath, model.labels().size(),
                    set.source(), set.size(), secs);
            text.print(cm.report());
            text.printf("calm (happy/neutral) called angry/sad: %.2f%%%n", cm.calmAsDistress() * 100);
            CrowdAgreement crowd = crowdVotes == null ? null : CrowdAgreement.of(set, crowdVotes, ev.answers(), ev.temperature());
            if (crowd != null) text.print(crowd.report());
            text.printf(Locale.ROOT, "calibration (temperature %.3f%s): NLL %.4f, ECE %.4f (%d bins)%n",
                    ev.temperature(), model.metadata().priorShift().isEmpty() ? "" : ", prior shift " + model.metadata().priorShift(),
                    ev.nll(), reliability.ece(), reliability.bins());
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("model", name);
            s.put("file", modelPath);
            s.put("images", cm.total());
            s.put("accuracy", ConfusionMatrix.round(cm.accuracy()));
            s.put("macro_f1", ConfusionMatrix.round(cm.macroF1()));
            s.put("classes", cm.perClass());
            s.put("calm_as_distress", ConfusionMatrix.round(cm.calmAsDistress()));
            if (crowd != null) s.put("calm_as_distress_by_crowd", crowd.summary());
            s.put("temperature", ev.temperature());
            if (!model.metadata().priorShift().isEmpty()) s.put("prior_shift", model.metadata().priorShift());
            s.put("nll", ConfusionMatrix.round(ev.nll()));
            s.put("ece", ConfusionMatrix.round(reliability.ece()));
            List<List<Long>> matrix = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                List<Long> row = new ArrayList<>();
                for (int j = 0; j < labels.size(); j++) row.add(cm.count(i, j));
                matrix.add(row);
            }
            s.put("confusion", matrix);
            summaries.add(s);
            if (json) System.out.println(mapper.writeValueAsString(s));
            if (out != null) {
                String base = name.replaceAll("[^A-Za-z0-9._-]", "_") + (classes == 4 ? "-4class" : "");
                Files.writeString(out.resolve(base + "-report.txt"), cm.report()
                        + String.format(Locale.ROOT, "calm_as_distress %.4f%ntemperature %.4f%nnll %.4f%nece %.4f%n",
                        cm.calmAsDistress(), ev.temperature(), ev.nll(), reliability.ece()));
                Charts.confusion(cm, name + " on " + Path.of(set.source()).getFileName()
                        + String.format(Locale.ROOT, " (acc %.1f%%)", cm.accuracy() * 100), out.resolve(base + "-confusion.png"));
                Charts.reliability(reliability, name + " on " + Path.of(set.source()).getFileName()
                        + String.format(Locale.ROOT, " (ECE %.3f)", reliability.ece()), out.resolve(base + "-reliability.png"));
            }
        }
        // The flip and ensemble wrappers close the models they wrap: close the loaded models only, once.
        for (EmotionModel loaded : loadedModels) loaded.close();
        if (out != null) {
            mapper.writerWithDefaultPrettyPrinter().writeValue(out.resolve(classes == 4 ? "summary-4class.json" : "summary.json").toFile(), summaries);
        }
        return 0;
    }

    /** One row of the report: a model (or a wrapper of loaded models) and the file(s) it came from. */
    private record Run(String file, EmotionModel model) {}

    /** Whole images through detect -> (facemark) -> align -> classify, per model and alignment setting. */
    private Integer inTheWild() throws Exception {
        List<String> labels = Evaluator.schemeLabels(classes);
        List<org.vigil.detect.FaceCrop.Alignment> alignments = align == null || align.isEmpty()
                ? List.of(org.vigil.detect.FaceCrop.DEFAULT_ALIGNMENT) : align;
        List<org.vigil.detect.CropFraming> framings = framing == null || framing.isEmpty()
                ? List.of(org.vigil.detect.FaceCrop.DEFAULT_FRAMING)
                : framing.stream().map(org.vigil.detect.CropFraming::parse).toList();
        List<org.vigil.eval.WildEvaluator.Crop> settings = new ArrayList<>();
        for (var f : framings) for (var a : alignments) settings.add(new org.vigil.eval.WildEvaluator.Crop(f, a));
        var options = new org.vigil.eval.WildEvaluator.Options(upscale, pad, border, rotate, limitPerClass, 42);
        ObjectMapper mapper = new ObjectMapper();
        var text = json ? System.err : System.out;
        if (out != null) Files.createDirectories(out);
        Detection det = detection.resolve();
        List<Map<String, Object>> summaries = new ArrayList<>();
        for (Path modelPath : models) {
            try (EmotionModel model = ModelLoader.load(modelPath);
                 var fd = org.vigil.detect.FaceDetectors.create(det.kind(), det.yunetModel(), 1280);
                 var fm = facemark == null ? null : new org.vigil.detect.FacemarkLandmarker(facemark)) {
                long t0 = System.nanoTime();
                var results = new org.vigil.eval.WildEvaluator(model, fd, fm, settings, options).evaluate(data, labels);
                double secs = (System.nanoTime() - t0) / 1e9;
                for (int i = 0; i < settings.size(); i++) {
                    var r = results.get(i);
                    var al = r.crop().alignment();
                    String framed = r.crop().framing().label();
                    String name = model.metadata().name();
                    ConfusionMatrix cm = r.found();
                    text.printf(Locale.ROOT, "%n== %s on %s, detect (%s%s) -> %s -> classify: %d images, %.1f s%n", name, data,
                            fd.name(), fm == null ? "" : " + facemark", "crop " + framed + ", alignment " + al, r.images(), secs);
                    text.printf(Locale.ROOT, "faces found: %d of %d images (%.1f%%)%n", r.facesFound(), r.images(), r.detectionRate() * 100);
                    text.printf(Locale.ROOT, "accuracy on found faces: %.2f%%; end to end (no face = wrong): %.2f%%%n",
                            cm.accuracy() * 100, r.endToEndAccuracy() * 100);
                    text.print(cm.report());
                    text.printf(Locale.ROOT, "calm (happy/neutral) called angry/sad: %.2f%%%n", cm.calmAsDistress() * 100);
                    if (r.precropped() != null) {
                        text.printf(Locale.ROOT, "same images pre-cropped (no detection, the ceiling): accuracy %.2f%%, calm called angry/sad %.2f%%%n",
                                r.precropped().accuracy() * 100, r.precropped().calmAsDistress() * 100);
                    }
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("model", name);
                    s.put("file", modelPath.toString());
                    s.put("detector", fd.name());
                    s.put("facemark", facemark == null ? null : facemark.toString());
                    s.put("framing", framed);
                    s.put("alignment", al.name());
                    s.put("upscale", upscale);
                    s.put("pad", pad);
                    s.put("border", border.name());
                    s.put("rotate", rotate);
                    s.put("images", r.images());
                    s.put("faces_found", r.facesFound());
                    s.put("accuracy_found", ConfusionMatrix.round(cm.accuracy()));
                    s.put("accuracy_end_to_end", ConfusionMatrix.round(r.endToEndAccuracy()));
                    s.put("macro_f1", ConfusionMatrix.round(cm.macroF1()));
                    s.put("calm_as_distress", ConfusionMatrix.round(cm.calmAsDistress()));
                    if (r.precropped() != null) {
                        s.put("precropped_accuracy", ConfusionMatrix.round(r.precropped().accuracy()));
                        s.put("precropped_calm_as_distress", ConfusionMatrix.round(r.precropped().calmAsDistress()));
                    }
                    summaries.add(s);
                    if (json) System.out.println(mapper.writeValueAsString(s));
                }
            }
        }
        if (out != null) mapper.writerWithDefaultPrettyPrinter().writeValue(out.resolve("summary-detect.json").toFile(), summaries);
        return 0;
    }

}
