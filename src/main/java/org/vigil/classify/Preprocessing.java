package org.vigil.classify;

/** How 8-bit grey pixels become network input. Stored in the model file so models stay self-describing. */
public enum Preprocessing {
    /** x / 255 */
    UNIT,
    /** (x / 255 - 0.5) * 2, as the Keras mini-Xception models expect. */
    SYMMETRIC;

    public float apply(int grey) {
        float u = grey / 255f;
        return this == UNIT ? u : (u - 0.5f) * 2f;
    }
}
