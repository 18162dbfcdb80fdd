package io.odoopulse.canonical;

/** A source record the mapping cannot read; it goes to the dead-letter store with this reason. */
public class UnmappableRecordException extends RuntimeException {
    public UnmappableRecordException(String message) {
        super(message);
    }

    public UnmappableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
