package io.odoopulse.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.Customer;
import io.odoopulse.canonical.Order;
import io.odoopulse.canonical.Product;

/**
 * The test's own comparison of a tenant's canonical store with what an Odoo holds now: every sale order present
 * with its state and total, none that Odoo deleted, and partners' and products' archived flags.
 */
public final class StoreVersusOdoo {

    private StoreVersusOdoo() {
    }

    /**
     * @param odoo the current records of a model as search_read returns them (archived included)
     * @return every difference as text; empty when the store equals Odoo record for record
     */
    public static List<String> differences(CanonicalStore store, String tenant, Function<String, List<Map<String,
            Object>>> odoo) {
        List<String> differences = new ArrayList<>();
        Map<Long, Order> stored = new TreeMap<>();
        store.all(Order.class, tenant).forEach(o -> stored.put(o.sourceId(), o));
        for (Map<String, Object> order : odoo.apply("sale.order")) {
            long id = ((Number) order.get("id")).longValue();
            Order mine = stored.remove(id);
            if (mine == null) {
                differences.add("missing order " + id);
            } else if (mine.amountTotal().compareTo(new BigDecimal(String.valueOf(order.get("amount_total")))) != 0
                    || !mine.status().name().equals(status((String) order.get("state")))) {
                differences.add("order " + id + " differs: " + mine.amountTotal() + "/" + mine.status() + " vs "
                        + order.get("amount_total") + "/" + order.get("state"));
            }
        }
        stored.keySet().forEach(id -> differences.add("order " + id + " deleted in Odoo but live in the store"));
        compareActive(store, tenant, odoo.apply("res.partner"), Customer.class, differences);
        List<Map<String, Object>> products = odoo.apply("product.product");
        compareActive(store, tenant, products, Product.class, differences);
        Map<Long, BigDecimal> prices = new TreeMap<>();
        store.all(Product.class, tenant).forEach(p -> prices.put(p.sourceId(), p.price()));
        for (Map<String, Object> product : products) {
            BigDecimal mine = prices.get(((Number) product.get("id")).longValue());
            Object theirs = product.get("list_price");
            // Odoo sends float fields with binary noise (5.1000000000000005); 15 significant digits is the float.
            if (mine != null && theirs instanceof Number n
                    && mine.compareTo(new BigDecimal(n.toString()).round(new java.math.MathContext(15))) != 0) {
                differences.add("Product " + product.get("id") + " price " + mine + " vs " + theirs);
            }
        }
        return differences;
    }

    private static void compareActive(CanonicalStore store, String tenant, List<Map<String, Object>> records,
                                      Class<? extends Record> type, List<String> out) {
        Map<Long, Boolean> stored = new TreeMap<>();
        for (Record record : store.all(type, tenant)) {
            stored.put(component(record, "sourceId"), component(record, "active"));
        }
        for (Map<String, Object> record : records) {
            long id = ((Number) record.get("id")).longValue();
            Boolean mine = stored.get(id);
            if (mine == null) {
                out.add(type.getSimpleName() + " " + id + " missing");
            } else if (!mine.equals(record.get("active"))) {
                out.add(type.getSimpleName() + " " + id + " active " + mine + " vs " + record.get("active"));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T component(Record record, String name) {
        try {
            return (T) record.getClass().getMethod(name).invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String status(String state) {
        return switch (state) {
            case "sale", "done" -> "CONFIRMED";
            case "cancel" -> "CANCELLED";
            default -> "DRAFT";
        };
    }
}
