package io.odoopulse.odoo;

/**
 * Odoo answered with an error object (access denied, unknown field, ...). Permanent: retrying cannot help.
 * The message carries Odoo's own error name and text, never the credentials of the call.
 */
public class OdooException extends RuntimeException {
    private final String errorName;

    public OdooException(String errorName, String message) {
        super(errorName + ": " + message);
        this.errorName = errorName;
    }

    /** Odoo's exception class, e.g. {@code odoo.exceptions.AccessDenied}. */
    public String errorName() {
        return errorName;
    }
}
