package org.vigil.nursecall;

/**
 * A coded element (HL7 CWE) written as {@code identifier^text^coding system}, e.g.
 * {@code 68481^MDC_ATTR_EVENT_PHASE^MDC}. The form used in integrations.yaml and on the wire.
 */
public record HL7Code(String identifier, String text, String system) {
    public HL7Code {
        if (identifier == null || identifier.isBlank()) throw new IllegalArgumentException("a code needs an identifier");
        if (system == null || system.isBlank()) throw new IllegalArgumentException("a code needs a coding system");
        text = text == null ? "" : text;
    }

    /** Parses {@code identifier^text^system}; throws IllegalArgumentException with a readable reason. */
    public static HL7Code parse(String s) {
        String[] p = s == null ? new String[0] : s.trim().split("\\^", -1);
        if (p.length != 3 || p[0].isBlank() || p[2].isBlank()) {
            throw new IllegalArgumentException("a code is written identifier^text^system (e.g. 68481^MDC_ATTR_EVENT_PHASE^MDC), got '" + s + "'");
        }
        return new HL7Code(p[0], p[1], p[2]);
    }

    @Override
    public String toString() {
        return identifier + "^" + text + "^" + system;
    }
}
