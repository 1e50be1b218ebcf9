package org.vigil.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audible cue for new alerts: a short two-tone chime, played on its own thread so the EDT never
 * blocks on the sound device. Muting lasts until un-muted or the shift ends. Without an audio device (CI,
 * Xvfb) it falls back to the system beep and never fails.
 */
public final class AlertSound implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertSound.class);
    private static final float RATE = 22050f;

    private final java.util.function.Supplier<String> shift;
    /** The shift during which the nurse muted the sound; null when not muted. */
    private volatile String mutedDuring;
    private final AtomicInteger cues = new AtomicInteger();
    private final AtomicBoolean warned = new AtomicBoolean();
    private final ExecutorService player = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigil-alert-sound");
        t.setDaemon(true);
        return t;
    });

    /** A mute that lasts until un-muted (no shifts known). */
    public AlertSound() {
        this(() -> "");
    }

    /**
     * @param shift names the shift now (e.g. from the alerts configuration's shifts): a mute ends by
     *              itself when the shift changes, so a station muted at night does not stay silent all day
     */
    public AlertSound(java.util.function.Supplier<String> shift) {
        this.shift = shift;
    }

    public boolean muted() {
        String m = mutedDuring;
        if (m == null) return false;
        if (!m.equals(shift.get())) {
            mutedDuring = null;
            LOG.info("Alert sound un-muted: the shift changed");
            return false;
        }
        return true;
    }

    public void setMuted(boolean m) {
        mutedDuring = m ? shift.get() : null;
    }

    /** How many cues were sounded (not counting muted ones). */
    public int cuesSounded() {
        return cues.get();
    }

    /** Sound the cue unless muted; returns whether it sounded. */
    public boolean cue() {
        if (muted()) return false;
        cues.incrementAndGet();
        player.execute(this::play);
        return true;
    }

    private void play() {
        try {
            byte[] pcm = chime();
            AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
            try (SourceDataLine line = AudioSystem.getSourceDataLine(format)) {
                line.open(format);
                line.start();
                line.write(pcm, 0, pcm.length);
                line.drain();
            }
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            if (warned.compareAndSet(false, true)) LOG.warn("No audio output ({}); using the system beep", e.getMessage());
            try {
                java.awt.Toolkit.getDefaultToolkit().beep();
            } catch (RuntimeException | Error ignored) {
                // headless: nothing more we can do, the visual alert still shows
            }
        }
    }

    /** 880 Hz then 660 Hz, 180 ms each, with soft edges so it does not click. */
    static byte[] chime() {
        int n = (int) (RATE * 0.18);
        byte[] out = new byte[n * 2 * 2];
        int i = 0;
        for (double f : new double[] {880, 660}) {
            for (int k = 0; k < n; k++) {
                double env = Math.min(1, Math.min(k, n - k) / (RATE * 0.01));
                short v = (short) (Math.sin(2 * Math.PI * f * k / RATE) * env * 0.4 * Short.MAX_VALUE);
                out[i++] = (byte) v;
                out[i++] = (byte) (v >> 8);
            }
        }
        return out;
    }

    @Override
    public void close() {
        player.shutdownNow();
    }
}
