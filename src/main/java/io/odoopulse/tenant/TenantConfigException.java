package io.odoopulse.tenant;

/** A tenant bundle that cannot be used; the message names the file (and line or key where known). */
public class TenantConfigException extends RuntimeException {
    public TenantConfigException(String message) {
        super(message);
    }

    public TenantConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
