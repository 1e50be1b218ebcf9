package org.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.vigil.base.Defaults;
import org.vigil.classify.EmotionLabels;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.KerasImporter;
import org.vigil.classify.Preprocessing;
import org.vigil.testing.SharedFiles;

class FaceCropTest {

    @Test
    void cropIsSquareAroundTheBoxWithMarginAndInputSized() {
        FaceCrop crop = new FaceCrop(48, 48, 0.1);
        Rect r = crop.region(new FaceBox(100, 50, 40, 50, 1f, null, -1));
        assertThat(r.width()).isEqualTo(60); // 50 * 1.2
        assertThat(r.height()).isEqualTo(60);
        assertThat(r.x() + r.width() / 2.0).isEqualTo(120.0);
        assertThat(r.y() + r.height() / 2.0).isEqualTo(75.0);
    }

    @Test
    void ferFramingIsTheDefaultAndSizesTheSquareFromTheBoxWidth() {
        assertThat(FaceCrop.DEFAULT_FRAMING).isEqualTo(CropFraming.FER);
        FaceCrop crop = new FaceCrop(48, 48, CropFraming.FER, FaceCrop.Alignment.NONE);
        Rect r = crop.region(new FaceBox(100, 50, 40, 50, 1f, null, -1));
        assertThat(r.width()).isEqualTo((int) Math.round(40 * CropFraming.FER.sideToWidth()));
        assertThat(r.height()).isEqualTo(r.width());
        assertThat(r.x() + r.width() / 2.0).isCloseTo(120.0, org.assertj.core.data.Offset.offset(0.5));
        assertThat(r.y() + r.height() / 2.0).isCloseTo(75.0 + CropFraming.FER.offsetY() * 50, org.assertj.core.data.Offset.offset(0.5));
        // The models' input is a square face: a YuNet box (about 0.77 as wide as tall) gives a crop no taller than the box.
        assertThat(r.height()).isLessThanOrEqualTo(50);
    }

    @Test
    void framingsAreNamedOnTheCommandLineAndChecked() {
        assertThat(CropFraming.parse("fer")).isEqualTo(CropFraming.FER);
        assertThat(CropFraming.parse("margin=0.1")).isEqualTo(CropFraming.margin(0.1));
        assertThat(CropFraming.parse(CropFraming.margin(0.1).label())).isEqualTo(CropFraming.margin(0.1));
        assertThat(CropFraming.FER.label()).isEqualTo("fer");
        assertThatThrownBy(() -> CropFraming.parse("tight")).hasMessageContaining("margin=");
        assertThatThrownBy(() -> new CropFraming(0, 0, 0, 0)).hasMessageContaining("side");
    }

    @Test
    void greyValuesComeFromTheFaceRegionAndEdgesAreReplicated() {
        // Left half black, right half white; a box straddling the left frame edge.
        Mat frame = new Mat(100, 200, org.bytedeco.opencv.global.opencv_core.CV_8UC3, new Scalar(0, 0, 0, 0));
        try (Rect right = new Rect(100, 0, 100, 100); Mat half = new Mat(frame, right)) {
            half.setTo(new Mat(1, 1, org.bytedeco.opencv.global.opencv_core.CV_8UC3, new Scalar(255, 255, 255, 0)));
        }
        FaceCrop crop = new FaceCrop(64, 32, 0.0);
        byte[] inWhite = crop.crop(frame, new FaceBox(140, 20, 40, 40, 1f, null, -1));
        assertThat(inWhite).hasSize(64 * 32);
        for (byte b : inWhite) assertThat(b & 0xff).isEqualTo(255);
        byte[] atEdge = crop.crop(frame, new FaceBox(-10, 20, 40, 40, 1f, null, -1));
        for (byte b : atEdge) assertThat(b & 0xff).isEqualTo(0); // replicated black, no stretched white
        assertThatThrownBy(() -> crop.crop(frame, new FaceBox(500, 500, 10, 10, 1f, null, -1)))
                .hasMessageContaining("outside");
    }

    @Test
    void cropsOfDetectedFacesAreClassifiedByTheReferenceModel() throws Exception {
        Mat img = imread(SharedFiles.require("data/scenes/oarriaga/test_image.jpg").toString());
        List<FaceBox> faces;
        try (FaceDetector d = new YuNetFaceDetector(SharedFiles.require(Defaults.SHARED_YUNET), 0, 0.6f)) {
            faces = d.detect(img);
        }
        assertThat(faces).isNotEmpty();
        try (EmotionModel model = KerasImporter.importModel(
                SharedFiles.require("models/keras/fer2013_mini_XCEPTION.102-0.66.hdf5"), EmotionLabels.FER7, Preprocessing.SYMMETRIC)) {
            FaceCrop crop = FaceCrop.forModel(model.metadata());
            assertThat(crop.width()).isEqualTo(64);
            List<byte[]> crops = faces.stream().map(f -> crop.crop(img, f)).toList();
            float[][] p = model.predict(crops);
            assertThat(p).hasNumberOfRows(faces.size());
            for (int i = 0; i < p.length; i++) {
                float sum = 0;
                for (float v : p[i]) sum += v;
                assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-3f));
                System.out.println("test_image face " + i + " " + faces.get(i) + " -> " + java.util.Arrays.toString(p[i]));
            }
            // oarriaga's test photo: five smiling faces in a row. Their crops must read as happy (index 3).
            long happy = java.util.Arrays.stream(p).filter(row -> argmax(row) == 3).count();
            assertThat(happy).isGreaterThanOrEqualTo(4);
            // A crop of a plain wall is not a face; the face crops must differ from it.
            byte[] flat = new byte[crop.width() * crop.height()];
            java.util.Arrays.fill(flat, (byte) 128);
            assertThat(crops.get(0)).isNotEqualTo(flat);
        }
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
        return best;
    }
}
