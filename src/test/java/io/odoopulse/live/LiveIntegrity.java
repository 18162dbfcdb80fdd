package io.odoopulse.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.audit.OdooFigure;
import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.demo.SnapshotInbox;
import io.odoopulse.kpi.KpiCard;
import io.odoopulse.notice.Notice;
import io.odoopulse.notice.NoticeStore;
import io.odoopulse.odoo.OdooClient;
import io.odoopulse.odoo.RetryPolicy;
import io.odoopulse.pull.CheckpointStore;
import io.odoopulse.support.ExecuteKw;
import io.odoopulse.support.StoreVersusOdoo;
import io.odoopulse.support.TenantTicks;
import io.odoopulse.support.TestTenants;
import io.odoopulse.tenant.Secret;
import io.odoopulse.tenant.Tenant;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Live sync integrity on a writable copy of a real Odoo database (URL in {@code ODOO_LIVE_<major>_RW_URL}, its
 * PostgreSQL database reached as {@code ODOO_LIVE_<major>_RW_DB} on the local server). One sale order gets a
 * write_date a year ahead with SQL, as an import would leave it; orders are then confirmed, cancelled and edited
 * through Odoo's API: the store and every card that one Odoo call reproduces equal Odoo's own answers. Then one
 * company is taken away from the integration user while reconciliation runs on every pull, and given back: nothing
 * is lost, the change was reported, and the store equals Odoo again.
 */
@CamelSpringBootTest
@DirtiesContext
abstract class LiveIntegrity {

    private static final DateTimeFormatter ODOO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Autowired
    CanonicalStore store;
    @Autowired
    CheckpointStore checkpoints;
    @Autowired
    NoticeStore notices;
    @Autowired
    SnapshotInbox inbox;
    @Autowired
    JdbcTemplate jdbc;

    private final String major = String.valueOf(major());
    private final String tenant = "integrity" + major;
    private final String url = System.getenv("ODOO_LIVE_" + major + "_RW_URL");
    private final String db = database(major());
    private final OdooClient odoo = new OdooClient(tenant, OdooClient.transport("jsonrpc", new Tenant.OdooConnection(
            url, db, "admin", new Secret("admin")), OdooClient.defaultHttpClient(), Duration.ofSeconds(60)),
            RetryPolicy.DEFAULT, 2, wait -> Thread.sleep(wait.toMillis()));

    abstract int major();

    private static String database(int major) {
        return System.getenv().getOrDefault("ODOO_LIVE_" + major + "_RW_DB", "odoo" + major + "_rw");
    }

    /** A bundle of its own, pulling every second and reconciling deletions on every pull. */
    static void bundle(DynamicPropertyRegistry properties, int major) throws Exception {
        Path dir = Files.createTempDirectory("live-integrity-" + major);
        TestTenants.bundle(dir, "integrity" + major, System.getenv("ODOO_LIVE_" + major + "_RW_URL"), database(major),
                "0/1 * * * * ?", """
                pull:
                  page-size: 300
                  models: [res.company, res.currency.rate, sale.order]
                  overlap-seconds: 2
                  reconcile-every: 1
                  audit-every: 5
                """);
        properties.add("pulse.tenants.dir", dir::toString);
    }

    @Test
    void theStoreAndCardsEqualOdooAfterAFutureWriteDateAndACompanyTakenAwayAndGivenBack() throws Exception {
        await().atMost(Duration.ofMinutes(3)).until(() -> checkpoints.writeDate(tenant, "sale.order").isPresent());
        int partner = odoo.searchIds("res.partner", List.of(List.of("customer_rank", ">", 0)), 1, Map.of()).get(0);
        int product = odoo.searchIds("product.product", List.of(List.of("sale_ok", "=", true)), 1, Map.of()).get(0);

        // An order stamped a year ahead, as rows imported with SQL or a server clock once ahead leave them.
        int future = odoo.searchIds("sale.order", List.of(List.of("state", "=", "sale")), 1, Map.of()).get(0);
        String aYearAhead = ODOO.format(LocalDateTime.now(ZoneOffset.UTC).plusYears(1));
        sql("UPDATE sale_order SET write_date = '" + aYearAhead + "' WHERE id = " + future);
        int ticks = doneTicks();
        await().atMost(Duration.ofMinutes(1)).until(() -> doneTicks() >= ticks + 2);

        int quotation = order(partner, product, 3);
        call("sale.order", "action_confirm", List.of(List.of(quotation)));
        int cancelled = order(partner, product, 2);
        call("sale.order", "action_confirm", List.of(List.of(cancelled)));
        call("sale.order", "action_cancel", List.of(List.of(cancelled)));
        int edited = order(partner, product, 1);
        int line = odoo.searchIds("sale.order.line", List.of(List.of("order_id", "=", edited)), 1, Map.of()).get(0);
        call("sale.order", "write", List.of(List.of(edited), Map.of("order_line",
                List.of(List.of(1, line, Map.of("product_uom_qty", 7))))));
        call("sale.order", "action_confirm", List.of(List.of(edited)));

        storeAndCardsEqualOdoo();
        assertThat(checkpoints.writeDate(tenant, "sale.order").orElseThrow()).as("checkpoint within Odoo's clock")
                .isLessThan(aYearAhead);
        assertThat(notices.list(Optional.of(Notice.Status.OPEN), Optional.of(tenant)))
                .anySatisfy(n -> assertThat(n.message()).contains(future + " (write_date " + aYearAhead + ")"));

        // One company, not the user's current one, taken away while reconciliation runs on every pull.
        JsonNode admin = odoo.execute("res.users", "read", List.of(2), Map.of("fields",
                List.of("company_id", "company_ids")));
        int current = admin.path(0).path("company_id").path(0).asInt();
        int away = -1;
        for (JsonNode company : admin.path(0).path("company_ids")) {
            if (company.asInt() != current && odoo.searchCount("sale.order", List.of(List.of("company_id", "=",
                    company.asInt())), Map.of()) > 0) {
                away = company.asInt();
            }
        }
        assertThat(away).as("a second company with orders").isPositive();
        long storedOfIt = storedOrders(away);
        try {
            call("res.users", "write", List.of(List.of(2), Map.of("company_ids", List.of(List.of(3, away)))));
            int before = doneTicks();
            await().atMost(Duration.ofMinutes(1)).until(() -> doneTicks() >= before + 3);
            assertThat(storedOrders(away)).as("its orders, kept though reconciliation ran").isEqualTo(storedOfIt);
            assertThat(jdbc.queryForList("SELECT model || ': ' || cause_message FROM dead_letter WHERE tenant = ?",
                    String.class, tenant)).as("pulls refused over the company taken away").isEmpty();
            final int hidden = away;
            assertThat(notices.list(Optional.of(Notice.Status.OPEN), Optional.of(tenant)))
                    .anySatisfy(n -> assertThat(n.message()).contains("company [" + hidden + "]"));
        } finally {
            call("res.users", "write", List.of(List.of(2), Map.of("company_ids", List.of(List.of(4, away)))));
            // Twice: a threaded Odoo clears its cache of the user's companies before the first write commits, so a
            // request of the running pull can cache the old ones again meanwhile; the second write's clearing comes
            // after that commit.
            call("res.users", "write", List.of(List.of(2), Map.of("company_ids", List.of(List.of(4, away)))));
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> notices.list(Optional.of(Notice.Status.OPEN),
                Optional.of(tenant)).stream().noneMatch(n -> n.kind().equals("company-no-longer-visible")));
        storeAndCardsEqualOdoo();
        Instant givenBack = Instant.now();
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(inbox.latest(tenant).orElseThrow()
                .path("audit")).as("the parity audit after access came back").isNotEmpty().allSatisfy(audit -> {
                    assertThat(Instant.parse(audit.path("auditedAt").asText())).isAfter(givenBack);
                    assertThat(audit.path("result").asText()).as(audit.toString()).isEqualTo("OK");
                }));
    }

    /** Every sale order with Odoo's state and total; every direct card of the latest snapshot Odoo's own figure. */
    private void storeAndCardsEqualOdoo() {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(StoreVersusOdoo.differences(store, tenant, model -> !model.equals("sale.order") ? List.of()
                        : odoo.searchRead(model, List.of(), List.of("state", "amount_total"), "id asc", 100_000,
                                Map.of("active_test", false)))).isEmpty());
        int pushed = inbox.all(tenant).size();
        await().atMost(Duration.ofMinutes(1)).until(() -> inbox.all(tenant).size() >= pushed + 2);
        List<String> wrong = new ArrayList<>();
        int asked = 0;
        for (JsonNode node : inbox.latest(tenant).orElseThrow().path("cards")) {
            KpiCard card = JSON.convertValue(node, KpiCard.class);
            if (card.how() == null || !card.how().direct() || card.value() == null) {
                continue;
            }
            asked++;
            assertThat(OdooFigure.answerable(card.how())).as(card.id()).isTrue();
            BigDecimal odoos = OdooFigure.answer(odoo, card.how());
            if (odoos.compareTo(card.value()) != 0) {
                wrong.add(card.id() + " " + card.window() + " " + card.currency() + ": card " + card.value()
                        + ", Odoo " + odoos);
            }
        }
        assertThat(asked).as("cards asked of Odoo").isPositive();
        assertThat(wrong).as("cards that differ from Odoo's own figure").isEmpty();
    }

    private long storedOrders(int company) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM canonical_order WHERE tenant = ? AND company_id = ? "
                + "AND deleted_at IS NULL", Long.class, tenant, company);
    }

    private int doneTicks() {
        return TenantTicks.done(jdbc, tenant);
    }

    private int order(int partner, int product, int quantity) {
        return call("sale.order", "create", List.of(Map.of("partner_id", partner, "order_line",
                List.of(List.of(0, 0, Map.of("product_id", product, "product_uom_qty", quantity)))))).asInt();
    }

    private JsonNode call(String model, String method, List<?> args) {
        return ExecuteKw.asAdmin(url, db, model, method, args);
    }

    /** Odoo's own PostgreSQL database, on the local server (trust authentication on loopback). */
    private void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db,
                System.getenv().getOrDefault("ODOO_LIVE_PG_USER", "postgres"), "")) {
            assertThat(connection.createStatement().executeUpdate(statement)).isEqualTo(1);
        }
    }
}
