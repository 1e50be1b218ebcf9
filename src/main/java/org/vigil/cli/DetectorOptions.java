package org.vigil.cli;

import java.nio.file.Path;
import org.vigil.app.Detection;
import org.vigil.base.Defaults;
import picocli.CommandLine.Option;

/** The face-detector options every command that finds faces shares (a picocli mixin). */
public final class DetectorOptions {
    @Option(names = "--detector", paramLabel = "haar|yunet",
            description = "Face detector. Default: " + Defaults.DETECTOR_TEXT + ".")
    String detector;

    @Option(names = "--yunet-model", paramLabel = "FILE",
            description = "YuNet ONNX model (OpenCV model zoo face_detection_yunet); default $VIGIL_SHARED/"
                    + Defaults.SHARED_YUNET + ", else the first models/yunet/*.onnx.")
    Path yunetModel;

    /** The detector to build (the default is decided in {@link Detection}). */
    public Detection resolve() {
        return Detection.resolve(detector, yunetModel);
    }
}
