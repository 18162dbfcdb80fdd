package io.odoopulse.odoo;

import java.time.Duration;
import java.util.Optional;

/** Odoo could not be reached or answered with a transient failure (5xx, 429, reset, timeout); worth a retry. */
public class OdooUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public OdooUnavailableException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public OdooUnavailableException(String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** What the server asked for in {@code Retry-After} (429, 503), if anything. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
