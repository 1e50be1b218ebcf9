package org.vigil.data;

/** Input data that cannot be read; the message names the file and, for CSV, the line. */
public class DataFormatException extends RuntimeException {
    public DataFormatException(String message) {
        super(message);
    }

    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
