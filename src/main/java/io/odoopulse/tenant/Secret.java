package io.odoopulse.tenant;

/**
 * A credential read from a tenant bundle (after placeholder resolution from the environment or a file).
 * {@link #toString()} never shows the value, so a secret cannot leak through logging or error text by accident.
 */
public record Secret(String value) {
    public static final Secret NONE = new Secret("");

    public boolean isPresent() {
        return value != null && !value.isEmpty();
    }

    /** Replaces every occurrence of this secret in {@code text}; used on error messages before they are stored. */
    public String redact(String text) {
        if (text == null || !isPresent()) {
            return text;
        }
        return text.replace(value, "*****");
    }

    @Override
    public String toString() {
        return isPresent() ? "*****" : "";
    }
}
