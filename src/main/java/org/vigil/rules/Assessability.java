package org.vigil.rules;

/** Whether the patient's emotion can be judged right now, and if not, why not. */
public enum Assessability {
    OK,
    NO_FACE,
    FACE_TOO_SMALL,
    FACE_TURNED,
    LOW_LIGHT,
    LOW_CONFIDENCE,
    CAMERA_OFFLINE;

    public boolean assessable() {
        return this == OK;
    }
}
