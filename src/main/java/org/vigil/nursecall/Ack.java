package org.vigil.nursecall;

/** The receiver's answer to one message: MSA-1 and the reason it gave, if any. */
public record Ack(String code, String text) {
    /** AA (original mode) or CA (enhanced mode): the Alert Manager has the alert. */
    public boolean accepted() {
        return "AA".equals(code) || "CA".equals(code);
    }
}
