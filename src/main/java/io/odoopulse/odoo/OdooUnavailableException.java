package io.odoopulse.odoo;

/** Odoo could not be reached or answered with a transient failure (5xx, 429, reset, timeout); worth a retry. */
public class OdooUnavailableException extends RuntimeException {
    public OdooUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
