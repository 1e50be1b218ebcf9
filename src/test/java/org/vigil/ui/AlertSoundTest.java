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
    void a_mute_ends_when_the_shift_changes() {
        java.util.concurrent.atomic.AtomicReference<String> shift = new java.util.concurrent.atomic.AtomicReference<>("night");
        try (AlertSound s = new AlertSound(shift::get)) {
            s.setMuted(true);
            assertThat(s.cue()).isFalse();
            shift.set("day");
            assertThat(s.muted()).isFalse();
            assertThat(s.cue()).isTrue();
        }
    }

    @Test
    void the_shift_comes_from_the_alerts_configuration() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("alerts");
        java.nio.file.Path f = dir.resolve("rules.yaml");
        var now = java.time.LocalTime.now(java.time.ZoneOffset.UTC);
        // A shift covering the next hour, whatever the time of the test run; "day" outside it.
        String from = now.minusMinutes(1).withSecond(0).withNano(0).toString();
        String to = now.plusHours(1).withSecond(0).withNano(0).toString();
        java.nio.file.Files.writeString(f, """
                version: 1
                zone: UTC
                rules:
                  - id: distress
                    emotions: [angry, sad]
                    start: 0.6
                    end: 0.45
                    persist: 20s
                shifts:
                  - name: late
                    from: "%s"
                    to: "%s"
                    rules: {}
                """.formatted(from, to));
        var a = AlertsSetup.load(f);
        assertThat(a.errors()).isEmpty();
        assertThat(a.shiftNow()).isEqualTo("late");
        assertThat(AlertsSetup.load(null).shiftNow()).isEqualTo("day");
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
