package io.odoopulse.canonical;

import java.util.Map;

/** The canonical record types a mapping file may name under {@code canonical:}. */
public final class CanonicalTypes {
    private static final Map<String, Class<? extends Record>> BY_NAME = Map.of(
            "Order", Order.class);

    private CanonicalTypes() {
    }

    public static Class<? extends Record> byName(String name) {
        return BY_NAME.get(name);
    }

    public static java.util.Set<String> names() {
        return new java.util.TreeSet<>(BY_NAME.keySet());
    }
}
