package org.vigil.ui;

/** How much of a patient the dashboard may show. Public screens default to the strictest useful mode. */
public enum PrivacyMode {
    OFF("Video"),
    BLUR_FACES("Blur faces"),
    HIDE_VIDEO("Hide video");

    private final String label;

    PrivacyMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
