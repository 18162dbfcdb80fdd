package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.demo.DemoOdoo;
import io.odoopulse.demo.simulator.OdooDatabase;
import io.odoopulse.pull.CheckpointStore;
import io.odoopulse.pull.PullProgress;
import io.odoopulse.support.StoreVersusOdoo;
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
        // A price lives on the template; its variants' write_date does not move.
        odoo.write("product.template", ids(odoo, "product.template").subList(0, 3), Map.of("list_price", 123.45));
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
                .until(() -> touched.get() >= DURING);
        // untilAsserted: a timeout reports the differences that remained.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(differences(odoo)).isEmpty());
        demoOdoo.simulator().faults().clear();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class)).isZero();
    }

    private List<String> differences(OdooDatabase odoo) {
        return StoreVersusOdoo.differences(store, "scenario", odoo::records);
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
