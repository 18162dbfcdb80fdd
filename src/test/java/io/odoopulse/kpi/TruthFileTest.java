package io.odoopulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.MappingFile;
import io.odoopulse.canonical.MappingLoader;
import io.odoopulse.support.RecordedDataset;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every card truth.json covers, computed from a real Odoo's exported records (mapped through the mapping file into
 * the store, as the live API returns them), equals the figure that Odoo itself computed with read_group and
 * search_count on the same database, to the cent.
 */
class TruthFileTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final List<String> MODELS = List.of("res.company", "res.currency.rate", "res.partner",
            "product.product", "sale.order", "account.move", "account.payment", "stock.quant", "stock.move");
    private static final Map<String, KpiSnapshot> SNAPSHOTS = new HashMap<>();

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"17.0", "18.0", "19.0"})
    void salesCardsEqualOdoosOwnReadGroupFigures(String version) {
        JsonNode truth = truth(version).path("kpis").path("revenue_orders_aov");
        KpiSnapshot snapshot = snapshot(version);
        for (String window : List.of("7d", "30d", "90d")) {
            JsonNode byCurrency = truth.path(window).path("by_currency_all_companies");
            assertThat(byCurrency.size()).as("currencies in truth.json %s", window).isPositive();
            byCurrency.fields().forEachRemaining(entry -> {
                String currency = entry.getKey();
                JsonNode expected = entry.getValue();
                assertThat(card(snapshot, "revenue", window, currency).value()).as("revenue %s %s", window, currency)
                        .isEqualByComparingTo(expected.path("revenue_amount_total").decimalValue());
                assertThat(card(snapshot, "orders", window, currency).value()).as("orders %s %s", window, currency)
                        .isEqualByComparingTo(BigDecimal.valueOf(expected.path("orders").asLong()));
                assertThat(card(snapshot, "aov", window, currency).value()).as("aov %s %s", window, currency)
                        .isEqualByComparingTo(expected.path("aov").decimalValue());
            });
            for (JsonNode expected : truth.path(window).path("by_company_currency")) {
                String currency = expected.path("currency").asText();
                String company = expected.path("company").asText();
                KpiCard.Breakdown revenue = part(card(snapshot, "revenue", window, currency), "company", company);
                assertThat(revenue.value()).as("revenue %s %s %s", window, currency, company)
                        .isEqualByComparingTo(expected.path("revenue_amount_total").decimalValue());
                assertThat(revenue.count()).isEqualTo(expected.path("orders").asLong());
                assertThat(part(card(snapshot, "aov", window, currency), "company", company).value())
                        .as("aov %s %s %s", window, currency, company)
                        .isEqualByComparingTo(expected.path("aov").decimalValue());
            }
        }
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"17.0", "18.0", "19.0"})
    void orderMixAndCancellationRateEqualOdoosStateCounts(String version) {
        JsonNode truth = truth(version).path("kpis").path("order_states");
        KpiSnapshot snapshot = snapshot(version);
        for (String window : List.of("30d", "90d")) {
            JsonNode expected = truth.path(window);
            KpiCard mix = card(snapshot, "order-mix", window, null);
            assertThat(part(mix, "status", "DRAFT").count()).as("draft+sent %s", window)
                    .isEqualTo(expected.path("draft_plus_sent").asLong());
            assertThat(part(mix, "status", "CONFIRMED").count()).isEqualTo(expected.path("confirmed").asLong());
            assertThat(part(mix, "status", "CANCELLED").count()).isEqualTo(expected.path("cancelled").asLong());
            assertThat(card(snapshot, "cancellation-rate", window, null).value()).as("cancellation rate %s", window)
                    .isEqualByComparingTo(expected.path("cancellation_rate").decimalValue());
            expected.path("by_company").fields().forEachRemaining(company -> {
                JsonNode counts = company.getValue();
                assertThat(part(mix, "company-status", company.getKey() + "/DRAFT").count())
                        .isEqualTo(counts.path("draft").asLong() + counts.path("sent").asLong());
                assertThat(part(mix, "company-status", company.getKey() + "/CONFIRMED").count())
                        .isEqualTo(counts.path("sale").asLong() + counts.path("done").asLong());
                assertThat(part(mix, "company-status", company.getKey() + "/CANCELLED").count())
                        .isEqualTo(counts.path("cancel").asLong());
            });
        }
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"17.0", "18.0", "19.0"})
    void creditNoteCardsEqualOdoosPostedMovesInCompanyCurrency(String version) {
        JsonNode truth = truth(version).path("kpis").path("credit_notes").path("90d_by_invoice_date");
        KpiSnapshot snapshot = snapshot(version);
        assertThat(truth.path("by_company").size()).isPositive();
        truth.path("by_company").fields().forEachRemaining(entry -> {
            String company = entry.getKey();
            JsonNode expected = entry.getValue();
            String currency = expected.path("company_currency").asText();
            assertThat(part(card(snapshot, "credit-note-rate", "90d", currency), "company", company).value())
                    .as("credit-note rate %s", company)
                    .isEqualByComparingTo(expected.path("credit_note_rate_count").decimalValue());
            assertThat(part(card(snapshot, "credit-note-amount-rate", "90d", currency), "company", company).value())
                    .as("credit-note amount rate %s", company)
                    .isEqualByComparingTo(expected.path("credit_note_rate_amount").decimalValue());
            KpiCard.Breakdown refunds = part(card(snapshot, "refunds", "90d", currency), "company", company);
            assertThat(refunds.value()).as("refunds %s", company)
                    .isEqualByComparingTo(expected.path("out_refund").path("amount_total_signed").decimalValue().abs());
            assertThat(refunds.count()).isEqualTo(expected.path("out_refund").path("count").asLong());
        });
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"17.0", "18.0", "19.0"})
    void invoicedPaidAndOverdueEqualOdoosPostedInvoices(String version) {
        JsonNode kpis = truth(version).path("kpis");
        KpiSnapshot snapshot = snapshot(version);
        for (JsonNode expected : kpis.path("invoiced_vs_paid").path("document_currency")) {
            String currency = expected.path("currency").asText();
            String company = expected.path("company").asText();
            KpiCard.Breakdown invoiced = part(card(snapshot, "invoiced", "lifetime", currency), "company", company);
            assertThat(invoiced.value()).as("invoiced %s %s", company, currency)
                    .isEqualByComparingTo(expected.path("invoiced_amount_total").decimalValue());
            assertThat(invoiced.count()).isEqualTo(expected.path("invoices").asLong());
            assertThat(part(card(snapshot, "outstanding", "lifetime", currency), "company", company).value())
                    .isEqualByComparingTo(expected.path("outstanding_amount_residual").decimalValue());
            assertThat(part(card(snapshot, "collected", "lifetime", currency), "company", company).value())
                    .isEqualByComparingTo(expected.path("paid_or_credited").decimalValue());
        }
        for (JsonNode expected : kpis.path("overdue_receivables").path("document_currency")) {
            String currency = expected.path("currency").asText();
            String company = expected.path("company").asText();
            KpiCard.Breakdown overdue = part(card(snapshot, "overdue", "now", currency), "company", company);
            assertThat(overdue.value()).as("overdue %s %s", company, currency)
                    .isEqualByComparingTo(expected.path("overdue_amount_residual").decimalValue());
            assertThat(overdue.count()).isEqualTo(expected.path("invoices").asLong());
        }
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"17.0", "18.0", "19.0"})
    void stockCardsEqualOdoosQtyAvailableCounts(String version) {
        JsonNode truth = truth(version);
        JsonNode stock = truth.path("kpis").path("stock");
        KpiSnapshot snapshot = snapshot(version);
        Map<String, String> checks = Map.of("out_of_stock_qty_le_0", "out-of-stock",
                "negative_on_hand_qty_lt_0", "negative-stock", "low_stock_0_lt_qty_lt_5", "low-stock");
        checks.forEach((key, id) -> {
            assertThat(card(snapshot, id, "now", null).value()).as("%s all companies", id)
                    .isEqualByComparingTo(BigDecimal.valueOf(stock.path("all_companies").path(key).path("count")
                            .asLong()));
            truth.path("conventions").path("companies").fields().forEachRemaining(company -> {
                JsonNode expected = stock.path("company_" + company.getKey()).path(key).path("count");
                String name = company.getValue().path("name").asText();
                assertThat(part(card(snapshot, id, "now", null), "company", name).count()).as("%s %s", id, name)
                        .isEqualTo(expected.asLong());
            });
        });
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"17.0", "18.0", "19.0"})
    void catalogueCardsEqualOdoosProductCounts(String version) {
        JsonNode truth = truth(version).path("kpis").path("catalogue_quality");
        KpiSnapshot snapshot = snapshot(version);
        Map<String, String> checks = Map.of("missing_image", "catalogue-missing-image",
                "missing_default_code", "catalogue-missing-reference",
                "missing_description_sale", "catalogue-missing-description",
                "missing_price_list_price_0", "catalogue-missing-price");
        checks.forEach((key, id) -> {
            KpiCard card = card(snapshot, id, "now", null);
            assertThat(card.value()).as(id).isEqualByComparingTo(BigDecimal.valueOf(
                    truth.path("active_products").path(key).path("count").asLong()));
            assertThat(part(card, "scope", "active").count())
                    .isEqualTo(truth.path("active_products").path("total").path("count").asLong());
            assertThat(part(card, "scope", "saleable").value()).as("%s saleable", id).isEqualByComparingTo(
                    BigDecimal.valueOf(truth.path("active_sale_ok_products").path(key).path("count").asLong()));
            assertThat(part(card, "scope", "saleable").count())
                    .isEqualTo(truth.path("active_sale_ok_products").path("total").path("count").asLong());
        });
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"17.0", "18.0", "19.0"})
    void newAndReturningCustomersEqualOdoosFirstOrderDates(String version) {
        JsonNode truth = truth(version).path("kpis").path("new_vs_repeat_customers_30d");
        KpiSnapshot snapshot = snapshot(version);
        assertThat(card(snapshot, "new-customers", "30d", null).value())
                .isEqualByComparingTo(BigDecimal.valueOf(truth.path("new_customers").asLong()));
        assertThat(card(snapshot, "repeat-customers", "30d", null).value())
                .isEqualByComparingTo(BigDecimal.valueOf(truth.path("repeat_customers").asLong()));
        truth.path("by_company_first_order_within_company").fields().forEachRemaining(company -> {
            long expectedNew = company.getValue().path("new_customers").asLong();
            long expectedActive = company.getValue().path("active_customers").asLong();
            KpiCard.Breakdown fresh = optionalPart(card(snapshot, "new-customers", "30d", null), "company",
                    company.getKey());
            assertThat(fresh == null ? 0 : fresh.value().longValueExact()).as("new %s", company.getKey())
                    .isEqualTo(expectedNew);
            assertThat(fresh == null ? 0 : fresh.count()).as("active %s", company.getKey()).isEqualTo(expectedActive);
        });
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"17.0", "18.0", "19.0"})
    void topCustomersEqualOdoosLifetimeRanking(String version) {
        JsonNode truth = truth(version).path("kpis").path("top10_customers_lifetime_confirmed");
        KpiSnapshot snapshot = snapshot(version);
        for (String currency : List.of("EUR", "USD")) {
            List<KpiCard.Breakdown> ranking = card(snapshot, "top-customers", "lifetime", currency).breakdowns();
            JsonNode expected = truth.path(currency).path("ranking");
            assertThat(ranking).hasSize(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(ranking.get(i).key()).as("rank %d %s", i + 1, currency)
                        .isEqualTo(expected.get(i).path("partner_id").asText());
                assertThat(ranking.get(i).value())
                        .isEqualByComparingTo(expected.get(i).path("revenue_amount_total").decimalValue());
                assertThat(ranking.get(i).count()).isEqualTo(expected.get(i).path("orders").asLong());
            }
        }
    }

    /** The dataset of one version, mapped and stored once, and its snapshot as of truth.json's as-of time. */
    private static synchronized KpiSnapshot snapshot(String version) {
        return SNAPSHOTS.computeIfAbsent(version, v -> {
            Instant asOf = Instant.parse(truth(v).path("as_of").asText());
            JdbcTemplate jdbc = TestDatabase.freshH2();
            CanonicalStore store = new CanonicalStore(jdbc);
            MappingFile mappings = MappingLoader.load(Path.of("mappings/odoo-" + v.replace(".0", "") + ".yaml"));
            for (String model : MODELS) {
                List<Record> records = new ArrayList<>();
                for (Map<String, Object> source : RecordedDataset.apiRecords(v, model)) {
                    Record canonical = mappings.forModel(model).map("recorded", "odoo", v, source);
                    if (canonical != null) {
                        records.add(canonical);
                    }
                }
                store.storeAll(records);
            }
            return new KpiAggregator(jdbc, TestTenants.withFixedAsOf("recorded", asOf), List.of(7, 30, 90),
                    Clock.fixed(asOf, ZoneOffset.UTC)).snapshot("recorded");
        });
    }

    private static JsonNode truth(String version) {
        try (InputStream in = TruthFileTest.class.getResourceAsStream("/odoo-contract/" + version + "/truth.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KpiCard card(KpiSnapshot snapshot, String id, String window, String currency) {
        return snapshot.cards().stream()
                .filter(c -> c.id().equals(id) && c.window().equals(window)
                        && java.util.Objects.equals(c.currency(), currency))
                .findFirst().orElseThrow(() -> new AssertionError("no card " + id + " " + window + " " + currency));
    }

    static KpiCard.Breakdown part(KpiCard card, String dimension, String key) {
        KpiCard.Breakdown part = optionalPart(card, dimension, key);
        if (part == null) {
            throw new AssertionError("no " + dimension + " " + key + " in " + card.id() + ": " + card.breakdowns());
        }
        return part;
    }

    static KpiCard.Breakdown optionalPart(KpiCard card, String dimension, String key) {
        return card.breakdowns().stream().filter(b -> b.dimension().equals(dimension) && b.key().equals(key))
                .findFirst().orElse(null);
    }
}
