package org.vigil.capture;

/** Told when a source's technical state changes; called on the capture thread. */
@FunctionalInterface
public interface CaptureListener {
    void onState(SourceSpec source, SourceState state, String detail);
}
