package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.Customer;
import io.odoopulse.canonical.Order;
import io.odoopulse.canonical.Product;
import io.odoopulse.demo.DemoOdoo;
import io.odoopulse.demo.simulator.OdooDatabase;
import io.odoopulse.odoo.CheckpointStore;
import io.odoopulse.odoo.PullProgress;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A full load, then incremental pulls while records are created, updated (many within one second), archived and
 * deleted between and during pulls: the store ends equal to Odoo, record for record. Each subclass runs it over one
 * transport against one Odoo flavour of the built-in simulator.
 */
@CamelSpringBootTest
@DirtiesContext
abstract class ExtractionScenario {

    /** Properties every scenario shares; a subclass adds transport, flavour and size. */
    static final String TENANTS = "pulse.tenants.dir=src/test/resources/tenants-scenario";
    static final String AS_OF = "pulse.demo.odoo.as-of=2026-11-22T00:00:00Z";

    abstract int orders();

    /** Searches on sale.order during which the test changes orders the pull may already have passed. */
    private static final int DURING = 12;

    @Autowired
    DemoOdoo demoOdoo;
    @Autowired
    CanonicalStore store;
    @Autowired
    CheckpointStore checkpoints;
    @Autowired
    PullProgress progress;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theStoreEndsEqualToOdooAfterAFullLoadAndChangesBetweenAndDuringPulls() {
        OdooDatabase odoo = demoOdoo.simulator().database();
        int size = orders();
        await().atMost(Duration.ofMinutes(4)).until(() -> checkpoints.writeDate("scenario", "sale.order").isPresent()
                && store.count("scenario") == size);

        List<Integer> orders = ids(odoo, "sale.order");
        // Between pulls: new orders, updates (several calls within one second), deletions, archiving.
        for (int i = 0; i < 50; i++) {
            odoo.create("sale.order", newOrder(odoo, i));
        }
        for (int i = 0; i < 300; i++) {
            odoo.write("sale.order", List.of(orders.get(i * size / 400)), Map.of("amount_total", 1000 + i,
                    "amount_untaxed", 900 + i, "state", i % 3 == 0 ? "cancel" : "sale"));
        }
        odoo.unlink("sale.order", orders.subList(size * 9 / 10, size * 9 / 10 + 30));
        odoo.write("res.partner", ids(odoo, "res.partner").subList(0, 5), Map.of("active", false));
        odoo.write("product.product", ids(odoo, "product.product").subList(0, 5), Map.of("active", false));
        // During pulls: every search on sale.order changes a few orders the pull may already have passed.
        AtomicInteger touched = new AtomicInteger();
        demoOdoo.simulator().faults().beforeSearch("sale.order", (call, db) -> {
            if (touched.get() < DURING) {
                int n = touched.getAndIncrement();
                db.write("sale.order", List.of(orders.get(n * size / DURING + 3)), Map.of("amount_total", 5 + n));
                if (n % 4 == 0) {
                    db.unlink("sale.order", List.of(orders.get(n * size / DURING + 5)));
                }
            }
        });

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> touched.get() >= DURING && differences(odoo).isEmpty());
        demoOdoo.simulator().faults().clear();

        assertThat(differences(odoo)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class)).isZero();
    }

    /** Every difference between Odoo and the store, as text; empty when they are equal record for record. */
    private List<String> differences(OdooDatabase odoo) {
        List<String> differences = new ArrayList<>();
        Map<Long, Order> stored = new TreeMap<>();
        store.all(Order.class, "scenario").forEach(o -> stored.put(o.sourceId(), o));
        for (Map<String, Object> order : odoo.records("sale.order")) {
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
        compareActive(odoo, "res.partner", Customer.class, differences);
        compareActive(odoo, "product.product", Product.class, differences);
        return differences;
    }

    private void compareActive(OdooDatabase odoo, String model, Class<? extends Record> type, List<String> out) {
        Map<Long, Boolean> stored = new TreeMap<>();
        for (Record record : store.all(type, "scenario")) {
            stored.put(component(record, "sourceId"), component(record, "active"));
        }
        for (Map<String, Object> record : odoo.records(model)) {
            Boolean mine = stored.get(((Number) record.get("id")).longValue());
            if (mine != null && !mine.equals(record.get("active"))) {
                out.add(model + " " + record.get("id") + " active " + mine + " vs " + record.get("active"));
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

    private static List<Integer> ids(OdooDatabase odoo, String model) {
        return odoo.records(model).stream().map(r -> ((Number) r.get("id")).intValue()).sorted().toList();
    }

    private static Map<String, Object> newOrder(OdooDatabase odoo, int i) {
        Map<String, Object> template = odoo.records("sale.order").get(i);
        return Map.of("partner_id", ((List<?>) template.get("partner_id")).get(0),
                "currency_id", ((List<?>) template.get("currency_id")).get(0),
                "company_id", ((List<?>) template.get("company_id")).get(0),
                "date_order", template.get("date_order"), "state", "sale",
                "amount_untaxed", 100 + i, "amount_tax", 0, "amount_total", 100 + i);
    }
}
