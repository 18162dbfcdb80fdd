package io.odoopulse.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.pull.CheckpointStore;
import io.odoopulse.odoo.OdooClient;
import io.odoopulse.odoo.RetryPolicy;
import io.odoopulse.support.ExecuteKw;
import io.odoopulse.support.StoreVersusOdoo;
import io.odoopulse.tenant.Secret;
import io.odoopulse.tenant.Tenant;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Live, on a writable copy of a real Odoo database: orders are created, confirmed, locked, cancelled and deleted,
 * a product and a customer archived, between pulls and while pulls run, through Odoo's own API; the store follows.
 * Each subclass names a version; its URL is in {@code ODOO_LIVE_<major>_RW_URL} (.ci/run starts these copies).
 */
@CamelSpringBootTest
@DirtiesContext
abstract class LiveWrites {

    @Autowired
    CanonicalStore store;
    @Autowired
    CheckpointStore checkpoints;

    private final String major = String.valueOf(major());
    private final String tenant = "rw" + major;
    private final String url = System.getenv("ODOO_LIVE_" + major + "_RW_URL");
    private final String db = System.getenv().getOrDefault("ODOO_LIVE_" + major + "_RW_DB", "odoo" + major + "_rw");
    private final OdooClient odoo = new OdooClient(tenant, OdooClient.transport("jsonrpc", new Tenant.OdooConnection(
            url, db, "admin", new Secret("admin")), OdooClient.defaultHttpClient(), Duration.ofSeconds(60)),
            RetryPolicy.DEFAULT, 2, wait -> Thread.sleep(wait.toMillis()));

    abstract int major();

    /** The Lock button: 17+ set the boolean locked (the order stays a sale); 16 overrides it. */
    String lockMethod() {
        return "action_lock";
    }

    @Test
    void theStoreFollowsOrdersCreatedConfirmedLockedCancelledDeletedAndRecordsArchived() throws Exception {
        await().atMost(Duration.ofMinutes(2)).until(() -> checkpoints.writeDate(tenant, "sale.order").isPresent()
                && checkpoints.writeDate(tenant, "res.partner").isPresent()
                && checkpoints.writeDate(tenant, "product.product").isPresent());
        int partner = first("res.partner", List.of(List.of("customer_rank", ">", 0)));
        int product = first("product.product", List.of(List.of("sale_ok", "=", true)));

        int confirmed = order(partner, product, 3);
        write("sale.order", "action_confirm", List.of(List.of(confirmed)));
        int locked = order(partner, product, 2);
        write("sale.order", "action_confirm", List.of(List.of(locked)));
        write("sale.order", lockMethod(), List.of(List.of(locked)));
        int cancelled = order(partner, product, 1);
        write("sale.order", "action_cancel", List.of(List.of(cancelled)));
        int deleted = order(partner, product, 2);
        write("sale.order", "unlink", List.of(List.of(deleted)));
        write("product.product", "write", List.of(List.of(product), Map.of("active", false)));
        write("res.partner", "write", List.of(List.of(partner), Map.of("active", false)));
        // A price change on a template leaves its variants' write_date alone.
        int template = odoo.searchRead("product.product", List.of(List.of("id", "=", product + 1)),
                List.of("product_tmpl_id"), "id asc", 1, Map.of()).get(0).get("product_tmpl_id") instanceof List<?> t
                ? ((Number) t.get(0)).intValue() : 0;
        write("product.template", "write", List.of(List.of(template), Map.of("list_price", 77.7)));
        // While pulls run: a burst of new and confirmed orders, several within one second.
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> burst = writer.submit(() -> {
            for (int i = 0; i < 12; i++) {
                int id = order(partner, product, 1 + i % 4);
                if (i % 2 == 0) {
                    write("sale.order", "action_confirm", List.of(List.of(id)));
                }
            }
            return null;
        });
        burst.get();
        writer.shutdown();

        // untilAsserted: a timeout reports the differences that remained.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(StoreVersusOdoo.differences(store, tenant, this::everything)).isEmpty());
    }

    private int order(int partner, int product, int quantity) {
        return write("sale.order", "create", List.of(Map.of("partner_id", partner, "order_line",
                List.of(List.of(0, 0, Map.of("product_id", product, "product_uom_qty", quantity)))))).asInt();
    }

    /** Writes go through execute_kw with positional arguments, as Odoo's own clients send them. */
    private JsonNode write(String model, String method, List<?> args) {
        return ExecuteKw.asAdmin(url, db, model, method, args);
    }

    private int first(String model, List<?> domain) {
        return odoo.searchIds(model, domain, 1, Map.of()).get(0);
    }

    private List<Map<String, Object>> everything(String model) {
        List<String> fields = switch (model) {
            case "sale.order" -> List.of("state", "amount_total");
            case "product.product" -> List.of("active", "list_price");
            default -> List.of("active");
        };
        return odoo.searchRead(model, List.of(), fields, "id asc", 100_000, Map.of("active_test", false));
    }
}
