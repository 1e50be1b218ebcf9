package org.vigil.ui;

import java.awt.image.BufferedImage;
import org.vigil.pipeline.FrameSnapshot;

/**
 * A frame ready to paint: the privacy mode already applied (off the EDT) and the moment
 * (System.nanoTime) it reached the dashboard, to measure frame-to-screen latency.
 *
 * @param shown the image after privacy filtering; null when video is hidden
 */
public record TimedFrame(FrameSnapshot frame, BufferedImage shown, PrivacyMode mode, long receivedNanos) {}
