package io.odoopulse.canonical;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a source field is read before it is converted to the canonical field's Java type. */
public enum FieldKind {
    /** The value as Odoo returns it (char, integer, float, boolean, selection). */
    VALUE("value"),
    /** A many2one {@code [id, display_name]}: its id. */
    MANY2ONE_ID("many2one-id"),
    /** A many2one {@code [id, display_name]}: its display name. */
    MANY2ONE_NAME("many2one-name"),
    /** {@code YYYY-MM-DD HH:MM:SS}, always UTC in Odoo's API. */
    DATETIME("datetime"),
    /** {@code YYYY-MM-DD}. */
    DATE("date"),
    /** A monetary amount, kept exact. */
    MONETARY("monetary"),
    /** A one2many/many2many id list: how many. */
    COUNT("count"),
    /** Whether the field has a value at all (an image, a description), without keeping the value. */
    PRESENT("present");

    private final String yamlName;

    FieldKind(String yamlName) {
        this.yamlName = yamlName;
    }

    public static FieldKind fromYaml(String name) {
        for (FieldKind kind : values()) {
            if (kind.yamlName.equals(name)) {
                return kind;
            }
        }
        return null;
    }

    public static String allowed() {
        return Arrays.stream(values()).map(k -> k.yamlName).collect(Collectors.joining(", "));
    }
}
