package org.vigil.rules;

/** One problem in an alerts config file, with 1-based line and column, printed as file:line:column: message. */
public record ConfigError(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
