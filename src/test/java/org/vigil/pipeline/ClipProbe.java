package org.vigil.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vigil.capture.SourceSpec;
import org.vigil.classify.EmotionLabels;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.KerasImporter;
import org.vigil.classify.Preprocessing;

/** Manual probe: prints a clip's smoothed scores over time (not a test). */
public final class ClipProbe {
    public static void main(String[] args) throws Exception {
        org.vigil.nd.NativeSetup.configure();
        Path shared = Path.of("../shared");
        try (EmotionModel m = KerasImporter.importModel(shared.resolve("models/keras/fer2013_mini_XCEPTION.102-0.66.hdf5"),
                EmotionLabels.FER7, Preprocessing.SYMMETRIC)) {
            PipelineConfig c = PipelineConfig.defaults(List.of(SourceSpec.parse("bed1", args[0])), false)
                    .withDetector(args.length > 1 ? args[1] : "yunet", shared.resolve("models/yunet/face_detection_yunet_2026may.onnx"))
                    .withClassifyFps(args.length > 2 ? Double.parseDouble(args[2]) : 4);
            Pipeline p = new Pipeline(c, m, null);
            p.addListener(new JsonLinesOutput(System.out, null, 0.5, 0.4));
            p.start();
            p.awaitSources(5, TimeUnit.MINUTES);
            new JsonLinesOutput(System.out, null, 1, 0.4).summary(p.stats());
            p.close();
        }
    }
}
