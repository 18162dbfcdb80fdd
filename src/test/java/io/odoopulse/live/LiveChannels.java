package io.odoopulse.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.audit.OdooFigure;
import io.odoopulse.demo.SnapshotInbox;
import io.odoopulse.kpi.OdooQuery;
import io.odoopulse.odoo.OdooClient;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Live, on a writable copy of a real Odoo database: point-of-sale orders are rung up through Odoo's API (a session
 * opened on each point of sale, orders with lines and payments, marked paid; one left open), then every channel and
 * UTM card of the pushed snapshot is checked against what that Odoo computes at test time with the card's own
 * {@code read_group}: web shop, point of sale and other sales per window and currency, and the revenue that UTM
 * medium or source brought. Subclasses name the version; its URL is in {@code ODOO_LIVE_<major>_RW_URL}.
 */
@CamelSpringBootTest
@DirtiesContext
abstract class LiveChannels {

    private static final List<String> SECTIONS = List.of("channel-website", "channel-pos", "channel-other-sales",
            "utm");

    @Autowired
    SnapshotInbox inbox;
    @Autowired
    JdbcTemplate jdbc;

    private final String tenant = "ch" + major();
    private final WritableCopy copy = new WritableCopy(major(), tenant);
    private final OdooClient odoo = copy.client;
    private final ObjectMapper json = new ObjectMapper();

    abstract int major();

    @Test
    void everyChannelAndUtmCardEqualsWhatOdooComputesWithPointOfSaleOrdersRungUpThroughTheApi() throws Exception {
        int rungUp = ringUpPointOfSaleOrders();
        assertThat(rungUp).isPositive();
        int inOdoo = odoo.searchCount("pos.order", List.of(), Map.of("allowed_company_ids", copy.companies()));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM canonical_pos_order WHERE tenant = ? AND deleted_at IS NULL", Integer.class,
                tenant) == inOdoo);
        Instant stored = Instant.now();
        await().atMost(Duration.ofMinutes(1)).until(() -> inbox.latest(tenant).filter(s -> Instant.parse(
                s.path("generatedAt").asText()).isAfter(stored)).isPresent());
        JsonNode snapshot = inbox.latest(tenant).orElseThrow();

        List<String> wrong = new ArrayList<>();
        int asked = 0;
        for (JsonNode card : snapshot.path("cards")) {
            if (!SECTIONS.contains(card.path("section").asText())) {
                continue;
            }
            OdooQuery how = json.treeToValue(card.path("how"), OdooQuery.class);
            BigDecimal value = card.path("value").isNull() ? null : new BigDecimal(card.path("value").asText());
            BigDecimal answer;
            if (how.direct()) {
                answer = OdooFigure.answer(odoo, how);
            } else {
                // AOV: the revenue call's summed amount over its summed __count; undefined without orders.
                BigDecimal revenue = OdooFigure.answer(odoo, how);
                BigDecimal orders = OdooFigure.answer(odoo, new OdooQuery(how.model(), how.method(), how.domain(),
                        List.of(), how.groupby(), how.kwargs(), how.context(), null, null));
                answer = orders.signum() == 0 ? null : revenue.divide(orders, 2, RoundingMode.HALF_UP);
            }
            if (value == null || answer == null) {
                if (value != answer) {
                    wrong.add(card.path("id").asText() + " " + card.path("window").asText() + " "
                            + card.path("currency").asText() + ": card " + value + ", Odoo " + answer);
                }
                asked++;
                continue;
            }
            asked++;
            if (answer.compareTo(value) != 0) {
                wrong.add(card.path("id").asText() + " " + card.path("window").asText() + " "
                        + card.path("currency").asText() + ": card " + value + ", Odoo " + answer);
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(ids(snapshot)).contains("pos-revenue", "pos-orders", "pos-aov", "website-revenue",
                "other-sales-revenue", "utm-revenue");
        assertThat(asked).isGreaterThanOrEqualTo(18);
        // The access checks of the push: the admin may read every model of the cards on this Community server.
        List<String> access = new ArrayList<>();
        snapshot.path("access").forEach(c -> access.add(c.path("check").asText() + "=" + c.path("ok").asBoolean()));
        assertThat(access).containsExactly("credential=true", "version=true", "read:sale.order=true",
                "read:account.move=true", "read:product.product=true", "read:res.partner=true",
                "read:stock.quant=true", "edition=true");
    }

    /**
     * On each point of sale: an open session, three orders paid in full with the point of sale's first payment method,
     * and one left open (a draft, which no card counts).
     */
    private int ringUpPointOfSaleOrders() {
        JsonNode configs = call("pos.config", "search_read", List.of(List.of(), List.of("company_id",
                "payment_method_ids", "current_session_id")));
        JsonNode product = call("product.product", "search_read", List.of(List.of(List.of("available_in_pos", "=",
                true), List.of("list_price", ">", 0)), List.of("lst_price"), 0, 1)).get(0);
        int paid = 0;
        for (JsonNode config : configs) {
            int company = config.path("company_id").path(0).asInt();
            int method = config.path("payment_method_ids").path(0).asInt();
            // A point of sale takes one open session at a time: an earlier run's, or a new one.
            int session = config.path("current_session_id").isArray()
                    ? config.path("current_session_id").path(0).asInt()
                    : call("pos.session", "create", List.of(Map.of("config_id", config.path("id").asInt()))).asInt();
            for (int quantity = 1; quantity <= 4; quantity++) {
                double price = product.path("lst_price").asDouble();
                double total = BigDecimal.valueOf(price * quantity).setScale(2, RoundingMode.HALF_UP).doubleValue();
                int order = call("pos.order", "create", List.of(Map.of("session_id", session, "company_id", company,
                        "amount_tax", 0, "amount_total", total, "amount_paid", 0, "amount_return", 0, "lines",
                        List.of(List.of(0, 0, Map.of("product_id", product.path("id").asInt(), "qty", quantity,
                                "price_unit", price, "price_subtotal", total, "price_subtotal_incl", total))))))
                        .asInt();
                if (quantity == 4) {
                    continue;
                }
                call("pos.order", "add_payment", List.of(List.of(order), Map.of("pos_order_id", order, "amount", total,
                        "payment_method_id", method, "session_id", session)));
                call("pos.order", "action_pos_order_paid", List.of(List.of(order)));
                paid++;
            }
        }
        return paid;
    }

    private JsonNode call(String model, String method, List<?> args) {
        return copy.call(model, method, args, Map.of());
    }

    private static List<String> ids(JsonNode snapshot) {
        List<String> ids = new ArrayList<>();
        snapshot.path("cards").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }
}
