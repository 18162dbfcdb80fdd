package io.odoopulse.canonical;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The canonical record types a mapping file may name under {@code canonical:}. */
public final class CanonicalTypes {
    private static final Map<String, Class<? extends Record>> BY_NAME = new LinkedHashMap<>();

    static {
        for (Class<? extends Record> type : List.of(Company.class, CurrencyRate.class, Customer.class, Product.class,
                Order.class, OrderLine.class, Invoice.class, CreditNote.class, Payment.class, StockLevel.class,
                StockMove.class, PosOrder.class, ReorderRule.class, Location.class, GenericRecord.class)) {
            BY_NAME.put(type.getSimpleName(), type);
        }
    }

    private CanonicalTypes() {
    }

    public static Class<? extends Record> byName(String name) {
        return BY_NAME.get(name);
    }

    public static Set<String> names() {
        return new TreeSet<>(BY_NAME.keySet());
    }

    /** Every canonical type, in a stable order. */
    public static List<Class<? extends Record>> all() {
        return List.copyOf(BY_NAME.values());
    }
}
