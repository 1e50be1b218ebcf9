package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.pipeline.FrameSnapshot;

/** The filter on a real frame with a real detected face. Images only: runs headless too. */
class PrivacyFilterTest {
    @Test
    void blur_removes_face_detail_but_keeps_the_rest_and_leaves_the_input_alone() throws Exception {
        UiTestSupport.requireImaging();
        FrameSnapshot f = RealFrames.grab("b", "pyfeat_WolfgangLanger_Pexels.mp4", 3.0);
        assertThat(f.patient()).isNotNull();
        Rectangle face = new Rectangle(f.patient().x(), f.patient().y(), f.patient().width(), f.patient().height());
        BufferedImage original = f.image();
        double before = UiTestSupport.detail(original, face);
        int probe = original.getRGB(face.x + face.width / 2, face.y + face.height / 3);

        BufferedImage out = PrivacyFilter.apply(original, f.faces(), PrivacyMode.BLUR_FACES);
        assertThat(UiTestSupport.detail(out, face)).isLessThan(before * 0.1);
        assertThat(original.getRGB(face.x + face.width / 2, face.y + face.height / 3)).as("input untouched").isEqualTo(probe);
        // Far from the face (left edge of the frame) the picture is unchanged.
        Rectangle away = new Rectangle(5, 5, 60, 60);
        assertThat(UiTestSupport.detail(out, away)).isEqualTo(UiTestSupport.detail(original, away));
    }

    @Test
    void without_a_face_box_blur_covers_the_whole_frame_and_hide_gives_nothing() throws Exception {
        UiTestSupport.requireImaging();
        FrameSnapshot f = RealFrames.grab("b", "pyfeat_WolfgangLanger_Pexels.mp4", 3.0);
        Rectangle all = new Rectangle(0, 0, f.image().getWidth(), f.image().getHeight());
        BufferedImage out = PrivacyFilter.apply(f.image(), List.of(), PrivacyMode.BLUR_FACES);
        assertThat(UiTestSupport.detail(out, all)).isLessThan(UiTestSupport.detail(f.image(), all) * 0.2);
        assertThat(PrivacyFilter.apply(f.image(), f.faces(), PrivacyMode.HIDE_VIDEO)).isNull();
        assertThat(PrivacyFilter.apply(f.image(), f.faces(), PrivacyMode.OFF)).isSameAs(f.image());
    }
}
