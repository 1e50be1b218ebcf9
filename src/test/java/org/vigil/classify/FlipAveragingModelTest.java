package org.vigil.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mirror averaging on the compact 4-class model: the mean of the face's and its mirror image's answers. */
class FlipAveragingModelTest {
    private static final Path MODEL = Path.of("models/vigil-ferplus4-compact.vigil");

    @Test
    void eachRowIsTheMeanOfTheFaceAndItsMirrorImage() {
        Random r = new Random(7);
        byte[] a = new byte[48 * 48], b = new byte[48 * 48];
        r.nextBytes(a);
        r.nextBytes(b);
        try (EmotionModel plain = ModelFile.load(MODEL)) {
            float[][] both = new FlipAveragingModel(plain).predict(List.of(a, b));
            float[][] direct = plain.predict(List.of(a, b, mirror(a), mirror(b)));
            assertThat(both).hasNumberOfRows(2);
            for (int i = 0; i < 2; i++) {
                float sum = 0;
                for (int k = 0; k < both[i].length; k++) {
                    assertThat(both[i][k]).isCloseTo((direct[i][k] + direct[i + 2][k]) / 2, within(1e-5f));
                    sum += both[i][k];
                }
                assertThat(sum).isCloseTo(1f, within(1e-4f));
            }
            // a face and its mirror image are one face to the averaged model
            float[][] swapped = new FlipAveragingModel(plain).predict(List.of(mirror(a)));
            for (int k = 0; k < swapped[0].length; k++) assertThat(swapped[0][k]).isCloseTo(both[0][k], within(1e-5f));
            // and it says so in its name, so reports never mix it up with the plain model
            assertThat(new FlipAveragingModel(plain).metadata().name()).isEqualTo(plain.metadata().name() + "+flip");
        }
    }

    private static byte[] mirror(byte[] face) {
        byte[] m = new byte[face.length];
        for (int y = 0; y < 48; y++) for (int x = 0; x < 48; x++) m[y * 48 + x] = face[y * 48 + 47 - x];
        return m;
    }
}
