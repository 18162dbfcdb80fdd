package io.odoopulse.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
 * Live, on a writable copy of a real Odoo database: draft customer invoices dated before and after the closing
 * cadence are created, and products in and out of stock published on the web shop (one without a sales description)
 * through Odoo's API; then each revenue and web-shop audit check of the pushed snapshot must equal what that Odoo
 * answers to the card's own {@code search_count} at test time, and every record it lists must be one Odoo finds
 * with that domain. The recorded databases' orders still to invoice are there already. Subclasses name the version;
 * its URL is in {@code ODOO_LIVE_<major>_RW_URL}.
 */
@CamelSpringBootTest
@DirtiesContext
abstract class LiveRevenueAndWebsiteAudit {

    private static final List<String> CHECKS = List.of("audit-uninvoiced-orders", "audit-stale-draft-invoices",
            "audit-published-out-of-stock", "audit-published-catalogue-gaps");
    /** The tenant's timezone (its bundle): "today" and the bounds are New York's. */
    private static final ZoneId ZONE = ZoneId.of("America/New_York");

    @Autowired
    SnapshotInbox inbox;
    @Autowired
    JdbcTemplate jdbc;

    private final String tenant = "au" + major();
    private final WritableCopy copy = new WritableCopy(major(), tenant);
    private final OdooClient odoo = copy.client;
    private final ObjectMapper json = new ObjectMapper();

    abstract int major();

    @Test
    void everyRevenueAndWebShopCheckEqualsWhatOdooAnswersWithDraftsAndPublishedProductsMadeThroughTheApi()
            throws Exception {
        LocalDate today = LocalDate.now(ZONE);
        List<Integer> drafts = List.of(draftInvoice(today.minusDays(45)), draftInvoice(today.minusDays(31)),
                draftInvoice(today.minusDays(2)));
        List<Integer> published = publishProducts();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> stored(
                "canonical_invoice", "status = 'DRAFT'", drafts) && stored("canonical_product", "published = TRUE",
                published));
        Instant stored = Instant.now();
        await().atMost(Duration.ofMinutes(1)).until(() -> inbox.latest(tenant).filter(s -> Instant.parse(
                s.path("generatedAt").asText()).isAfter(stored)).isPresent());
        JsonNode snapshot = inbox.latest(tenant).orElseThrow();

        List<String> wrong = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        for (JsonNode card : snapshot.path("cards")) {
            String id = card.path("id").asText();
            if (!CHECKS.contains(id)) {
                continue;
            }
            OdooQuery how = json.treeToValue(card.path("how"), OdooQuery.class);
            BigDecimal answer = OdooFigure.answer(odoo, how);
            asked.add(id + "=" + answer.toPlainString());
            if (answer.compareTo(new BigDecimal(card.path("value").asText())) != 0) {
                wrong.add(id + ": card " + card.path("value").asText() + ", Odoo " + answer);
            }
            List<Integer> listed = new ArrayList<>();
            card.path("breakdowns").forEach(b -> {
                if (b.path("dimension").asText().equals(how.model()) || b.path("dimension").asText().equals(
                        "product")) {
                    listed.add(b.path("key").asInt());
                }
            });
            List<Object> theListed = new ArrayList<>(how.domain());
            theListed.add(List.of("id", "in", listed));
            int found = odoo.searchCount(how.model(), theListed, how.context());
            if (found != listed.size()) {
                wrong.add(id + ": lists " + listed + ", of which Odoo finds " + found + " with " + how.domain());
            }
        }
        assertThat(wrong).as("asked %s", asked).isEmpty();
        assertThat(asked).hasSize(CHECKS.size());
        // What was made here must show: the two drafts past the 30-day cadence, a published product out of stock.
        assertThat(value(snapshot, "audit-stale-draft-invoices")).isGreaterThanOrEqualTo(2);
        assertThat(value(snapshot, "audit-published-out-of-stock")).isPositive();
        assertThat(value(snapshot, "audit-published-catalogue-gaps")).isPositive();
        assertThat(value(snapshot, "audit-uninvoiced-orders")).isPositive();
    }

    /**
     * A draft customer invoice of one line, dated {@code day} (its accounting date follows the invoice date), in the
     * company and for the customer of a posted invoice: not every company of the database has a sales journal.
     */
    private int draftInvoice(LocalDate day) {
        JsonNode posted = call("account.move", "search_read", List.of(List.of(List.of("move_type", "=",
                "out_invoice"), List.of("state", "=", "posted")), List.of("company_id", "partner_id")), Map.of(
                "limit", 1)).path(0);
        int company = posted.path("company_id").path(0).asInt();
        int product = call("product.product", "search", List.of(List.of(List.of("sale_ok", "=", true),
                List.of("list_price", ">", 0))), Map.of("limit", 1)).path(0).asInt();
        List<Integer> companies = new ArrayList<>(List.of(company));
        copy.companies().stream().filter(c -> c != company).forEach(companies::add);
        int move = call("account.move", "create", List.of(Map.of("move_type", "out_invoice",
                "company_id", company, "partner_id", posted.path("partner_id").path(0).asInt(), "invoice_date",
                day.toString(), "invoice_line_ids", List.of(List.of(0, 0, Map.of("product_id", product, "quantity", 2,
                        "price_unit", 125.5))))), Map.of("context", Map.of("allowed_company_ids", companies))).asInt();
        JsonNode read = call("account.move", "read", List.of(List.of(move), List.of("state", "date")), Map.of());
        assertThat(read.path(0).path("state").asText()).isEqualTo("draft");
        assertThat(read.path(0).path("date").asText()).isEqualTo(day.toString());
        return move;
    }

    /**
     * Publishes three stock-tracked products with nothing on hand and three with stock, one of them without a sales
     * description; returns the variants.
     */
    private List<Integer> publishProducts() {
        List<Object> storable = major() >= 18 ? List.of("is_storable", "=", true) : List.of("detailed_type", "=",
                "product");
        List<Integer> variants = new ArrayList<>();
        for (String operator : List.of("<=", ">")) {
            call("product.product", "search_read", List.of(List.of(storable, List.of("sale_ok", "=", true),
                    List.of("qty_available", operator, 0)), List.of("product_tmpl_id")), Map.of("limit", 3))
                    .forEach(p -> variants.add(p.path("id").asInt()));
        }
        List<Integer> templates = new ArrayList<>();
        call("product.product", "read", List.of(variants, List.of("product_tmpl_id")), Map.of())
                .forEach(p -> templates.add(p.path("product_tmpl_id").path(0).asInt()));
        call("product.template", "write", List.of(templates, Map.of("is_published", true)), Map.of());
        call("product.template", "write", List.of(templates.subList(0, 1), Map.of("description_sale", false)),
                Map.of());
        assertThat(variants).hasSize(6);
        return variants;
    }

    /** Whether every one of {@code ids} is in the store with {@code condition}. */
    private boolean stored(String table, String condition, List<Integer> ids) {
        String in = String.join(",", ids.stream().map(String::valueOf).toList());
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE tenant = ? AND deleted_at IS NULL AND "
                + condition + " AND source_id IN (" + in + ")", Integer.class, tenant) == ids.size();
    }

    private static long value(JsonNode snapshot, String id) {
        for (JsonNode card : snapshot.path("cards")) {
            if (card.path("id").asText().equals(id)) {
                return card.path("value").asLong();
            }
        }
        throw new AssertionError("no card " + id);
    }

    private JsonNode call(String model, String method, List<?> args, Map<String, Object> kwargs) {
        return copy.call(model, method, args, kwargs);
    }
}
