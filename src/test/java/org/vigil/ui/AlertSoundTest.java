package org.vigil.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The mute logic, and that cueing never throws without an audio device (CI, Xvfb). */
class AlertSoundTest {
    @Test
    void muted_cues_are_silent_and_unmuting_restores_them() throws Exception {
        try (AlertSound s = new AlertSound()) {
            assertThat(s.cue()).isTrue();
            s.setMuted(true);
            assertThat(s.cue()).isFalse();
            assertThat(s.cue()).isFalse();
            s.setMuted(false);
            assertThat(s.cue()).isTrue();
            assertThat(s.cuesSounded()).isEqualTo(2);
            Thread.sleep(500); // let the player thread try the device: must not blow up the test JVM
        }
    }

    @Test
    void chime_is_a_short_non_silent_tone() {
        byte[] pcm = AlertSound.chime();
        assertThat(pcm.length).isGreaterThan(10_000);
        int max = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) max = Math.max(max, Math.abs((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8))));
        assertThat(max).isGreaterThan(5000);
    }
}
