package org.vigil.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class FrameSlotTest {
    static Frame frame(long seq) {
        return new Frame("b", seq, seq / 30.0, System.nanoTime(), 0, new Mat(4, 4, org.bytedeco.opencv.global.opencv_core.CV_8UC3));
    }

    @Test
    void liveSlotKeepsOnlyTheLatestFrame() throws Exception {
        FrameSlot slot = new FrameSlot(true);
        for (int i = 0; i < 5; i++) assertThat(slot.put(frame(i))).isTrue();
        Frame f = slot.take(10, TimeUnit.MILLISECONDS);
        assertThat(f.seq()).isEqualTo(4);
        assertThat(slot.dropped()).isEqualTo(4);
        assertThat(slot.take(10, TimeUnit.MILLISECONDS)).isNull();
        f.release();
    }

    @Test
    void batchSlotMakesTheProducerWaitSoNoFrameIsLost() throws Exception {
        FrameSlot slot = new FrameSlot(false);
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < 20; i++) slot.put(frame(i));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slot.close();
        });
        producer.start();
        long expected = 0;
        Frame f;
        while ((f = slot.take(2, TimeUnit.SECONDS)) != null) {
            assertThat(f.seq()).isEqualTo(expected++);
            f.release();
        }
        producer.join();
        assertThat(expected).isEqualTo(20);
        assertThat(slot.dropped()).isZero();
    }

    @Test
    void sourceSpecsAreParsedByKind() {
        assertThat(SourceSpec.parse("b", "camera:2").kind()).isEqualTo(SourceSpec.Kind.CAMERA);
        assertThat(SourceSpec.parse("b", "camera:2").cameraIndex()).isEqualTo(2);
        assertThat(SourceSpec.parse("b", "rtsp://u:secret@cam/s").kind()).isEqualTo(SourceSpec.Kind.STREAM);
        assertThat(SourceSpec.parse("b", "rtsp://u:secret@cam/s").describe()).doesNotContain("secret");
        assertThat(SourceSpec.parse("b", "clips/a.mp4").kind()).isEqualTo(SourceSpec.Kind.FILE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SourceSpec.parse("b", "camera:x"))
                .hasMessageContaining("camera:0");
    }
}
