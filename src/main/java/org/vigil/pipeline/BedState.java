package org.vigil.pipeline;

/** The state a nurse sees on a bed tile. */
public enum BedState {
    CALM,
    DISTRESS_BUILDING,
    ALERT,
    CANNOT_ASSESS,
    CAMERA_OFFLINE
}
