package org.vigil.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.vigil.base.Defaults;

/**
 * The leak the soak found: ND4J's cached InferenceSession keeps the id of every array it freed.
 * After many calls the model must have started a fresh session, so that set stays small.
 */
class SameDiffSessionLeakTest {

    @SuppressWarnings("unchecked")
    private static int freedIds(SameDiffEmotionModel m) throws Exception {
        Field f = InferenceSession.class.getDeclaredField("freedArrays");
        f.setAccessible(true);
        int n = 0;
        for (InferenceSession s : m.graph().getSessions().values()) n += ((Set<Long>) f.get(s)).size();
        return n;
    }

    @Test
    void theSessionsMemoryOfFreedArraysStaysBounded() throws Exception {
        try (EmotionModel loaded = ModelLoader.load(Defaults.MODEL)) {
            SameDiffEmotionModel m = (SameDiffEmotionModel) loaded;
            m.callsPerSession = 20; // the production value (2,000) works the same, only slower to test
            int side = m.metadata().inputWidth() * m.metadata().inputHeight();
            List<byte[]> faces = new ArrayList<>();
            for (int i = 0; i < 2; i++) faces.add(new byte[side]);
            for (int i = 0; i < 10; i++) m.predict(faces);
            int perTenCalls = freedIds(m);
            assertThat(perTenCalls).as("ND4J still records freed arrays (else this test checks nothing)").isPositive();
            for (int i = 10; i < 110; i++) m.predict(faces);
            // Without a fresh session this would be 11 times perTenCalls.
            assertThat(freedIds(m)).isLessThanOrEqualTo(2 * perTenCalls);
        }
    }
}
