package io.odoopulse.canonical;

/** A mapping file that cannot be used; the message names the file, the line and the offending key. */
public class MappingException extends RuntimeException {
    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
