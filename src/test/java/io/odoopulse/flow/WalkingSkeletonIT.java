package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.odoopulse.demo.DemoOdoo;
import io.odoopulse.demo.SnapshotInbox;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The whole flow on the embedded defaults: Quartz fires, the demo Odoo is pulled over JSON-RPC on a real socket,
 * records are mapped, de-duplicated and stored, and KPI snapshots are pushed over HTTP to the built-in receiver.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=walking-skeleton",
        "spring.datasource.url=jdbc:h2:mem:walking-skeleton;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.cron=0/2 * * * * ?",
        "pulse.demo.odoo.orders=400",
        "pulse.demo.odoo.as-of=2026-11-22T00:00:00Z"})
@DirtiesContext
class WalkingSkeletonIT {

    private static final Instant AS_OF = Instant.parse("2026-11-22T00:00:00Z");

    @Autowired
    DemoOdoo demoOdoo;
    @Autowired
    SnapshotInbox inbox;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;

    @BeforeEach
    void twoScheduledPullsHavePushed() {
        await().atMost(Duration.ofSeconds(60)).until(() -> inbox.all("demo").size() >= 2);
    }

    @Test
    void pushedRevenueOrdersAndAovEqualAnIndependentComputationOverTheDemoOdoosData() {
        List<Map<String, Object>> orders = demoOdoo.simulator().database().records("sale.order");
        JsonNode pushed = inbox.all("demo").get(0);

        assertThat(pushed.path("asOf").asText()).isEqualTo("2026-11-22T00:00:00Z");
        for (int days : List.of(7, 30, 90)) {
            Map<String, DemoDataset.Totals> expected = DemoDataset.confirmedSales(orders, AS_OF, days);
            assertThat(expected).as("the demo data has sales in the last %d days", days).isNotEmpty();
            expected.forEach((currency, totals) -> {
                assertThat(card(pushed, "revenue", days + "d", currency)).isEqualByComparingTo(totals.revenue());
                assertThat(card(pushed, "orders", days + "d", currency))
                        .isEqualByComparingTo(BigDecimal.valueOf(totals.orders()));
                assertThat(card(pushed, "aov", days + "d", currency)).isEqualByComparingTo(totals.revenue()
                        .divide(BigDecimal.valueOf(totals.orders()), 2, java.math.RoundingMode.HALF_UP));
            });
        }
    }

    @Test
    void pointOfSaleOrdersArePulledAndTheirRevenueIsPushedAsAChannel() {
        List<Map<String, Object>> pos = demoOdoo.simulator().database().records("pos.order");
        JsonNode pushed = inbox.all("demo").get(0);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM canonical_pos_order WHERE tenant = 'demo'",
                Integer.class)).isEqualTo(pos.size()).isPositive();
        Map<String, BigDecimal> revenue = new java.util.TreeMap<>();
        Instant start = AS_OF.minus(Duration.ofDays(30));
        for (Map<String, Object> order : pos) {
            Instant at = java.time.LocalDateTime.parse((String) order.get("date_order"),
                    java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")).toInstant(java.time.ZoneOffset.UTC);
            if (List.of("paid", "done", "invoiced").contains(order.get("state")) && !at.isBefore(start)
                    && at.isBefore(AS_OF)) {
                revenue.merge((String) ((List<?>) order.get("currency_id")).get(1),
                        new BigDecimal(String.valueOf(order.get("amount_total"))), BigDecimal::add);
            }
        }
        assertThat(pushed.path("access").findValuesAsText("check")).contains("credential", "read:sale.order",
                "edition");
        assertThat(pushed.path("access").findValuesAsText("ok")).containsOnly("true");
        assertThat(revenue).isNotEmpty();
        revenue.forEach((currency, amount) -> assertThat(card(pushed, "pos-revenue", "30d", currency))
                .isEqualByComparingTo(amount));
    }

    @Test
    void aSecondPullOfUnchangedDataPushesIdenticalNumbers() {
        List<JsonNode> pushes = inbox.all("demo");

        assertThat(withoutGenerationTime(pushes.get(1))).isEqualTo(withoutGenerationTime(pushes.get(0)));
    }

    @Test
    void everyOrderIsStoredOnceAndRereadRecordsAreDroppedAsDuplicates() {
        int orders = demoOdoo.simulator().database().records("sale.order").size();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM canonical_order WHERE tenant = 'demo'", Integer.class))
                .isEqualTo(orders);
        // The checkpoint's second is read again by every pull; the idempotent repository keeps one key per version.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE messageId LIKE "
                + "'demo/sale.order/%'", Integer.class)).isEqualTo(orders);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class)).isZero();
    }

    @Test
    void aSnapshotTheNerveCentreTookIsMarkedDelivered() {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT delivered FROM kpi_snapshot WHERE tenant = 'demo'", Boolean.class));
    }

    @Test
    void thePageShowsThePushedCards() {
        JsonNode latest = inbox.latest("demo").orElseThrow();
        String page = http.getForObject("/", String.class);

        assertThat(page).contains("Demo Retail (built-in Odoo)", "Last 7 days", "Last 90 days");
        for (JsonNode card : latest.path("cards")) {
            if (!card.path("value").isNull()) {
                assertThat(page).contains(card.path("value").asText());
            }
        }
    }

    private static BigDecimal card(JsonNode snapshot, String id, String window, String currency) {
        for (JsonNode card : snapshot.path("cards")) {
            if (card.path("id").asText().equals(id) && card.path("window").asText().equals(window)
                    && card.path("currency").asText().equals(currency)) {
                return new BigDecimal(card.path("value").asText());
            }
        }
        throw new AssertionError("no card " + id + " " + window + " " + currency + " in " + snapshot);
    }

    private static JsonNode withoutGenerationTime(JsonNode snapshot) {
        ObjectNode copy = snapshot.deepCopy();
        copy.remove("generatedAt");
        copy.remove("tick");
        // When each model was read belongs to the tick; what was read is compared.
        copy.withArray("freshness").forEach(model -> ((ObjectNode) model).remove(List.of("readAt", "lagSeconds")));
        return copy;
    }
}
