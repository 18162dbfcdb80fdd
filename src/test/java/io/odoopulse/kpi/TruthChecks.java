package io.odoopulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The comparison of a snapshot with a real Odoo's truth.json (its own read_group and search_count figures), shared
 * by TruthFileTest (cards computed from the exported records) and the live suite (cards pushed after a real pull).
 * Each check names the truth.json section it covers; {@link #everyCard} runs them all.
 */
public final class TruthChecks {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private TruthChecks() {
    }

    /** truth.json of one Odoo version (16.0, 17.0, 18.0, 19.0). */
    public static JsonNode truth(String version) {
        try (InputStream in = TruthChecks.class.getResourceAsStream("/odoo-contract/" + version + "/truth.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A snapshot as the Nerve Centre received it, read back into the record the aggregator produced. */
    public static KpiSnapshot fromPushed(JsonNode pushed) {
        try {
            return JSON.treeToValue(pushed, KpiSnapshot.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every card truth.json covers. */
    public static void everyCard(KpiSnapshot snapshot, JsonNode truth) {
        salesCardsEqualOdoosOwnReadGroupFigures(snapshot, truth);
        orderMixAndCancellationRateEqualOdoosStateCounts(snapshot, truth);
        creditNoteCardsEqualOdoosPostedMovesInCompanyCurrency(snapshot, truth);
        invoicedPaidAndOverdueEqualOdoosPostedInvoices(snapshot, truth);
        stockCardsEqualOdoosQtyAvailableCounts(snapshot, truth);
        catalogueCardsEqualOdoosProductCounts(snapshot, truth);
        newAndReturningCustomersEqualOdoosFirstOrderDates(snapshot, truth);
        topCustomersEqualOdoosLifetimeRanking(snapshot, truth);
    }

    public static void salesCardsEqualOdoosOwnReadGroupFigures(KpiSnapshot snapshot, JsonNode truthFile) {
        JsonNode truth = truthFile.path("kpis").path("revenue_orders_aov");
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

    public static void orderMixAndCancellationRateEqualOdoosStateCounts(KpiSnapshot snapshot, JsonNode truthFile) {
        JsonNode truth = truthFile.path("kpis").path("order_states");
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

    public static void creditNoteCardsEqualOdoosPostedMovesInCompanyCurrency(KpiSnapshot snapshot, JsonNode truthFile) {
        JsonNode truth = truthFile.path("kpis").path("credit_notes").path("90d_by_invoice_date");
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

    public static void invoicedPaidAndOverdueEqualOdoosPostedInvoices(KpiSnapshot snapshot, JsonNode truthFile) {
        JsonNode kpis = truthFile.path("kpis");
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

    public static void stockCardsEqualOdoosQtyAvailableCounts(KpiSnapshot snapshot, JsonNode truth) {
        JsonNode stock = truth.path("kpis").path("stock");
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

    public static void catalogueCardsEqualOdoosProductCounts(KpiSnapshot snapshot, JsonNode truthFile) {
        JsonNode truth = truthFile.path("kpis").path("catalogue_quality");
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

    public static void newAndReturningCustomersEqualOdoosFirstOrderDates(KpiSnapshot snapshot, JsonNode truthFile) {
        JsonNode truth = truthFile.path("kpis").path("new_vs_repeat_customers_30d");
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

    public static void topCustomersEqualOdoosLifetimeRanking(KpiSnapshot snapshot, JsonNode truthFile) {
        JsonNode truth = truthFile.path("kpis").path("top10_customers_lifetime_confirmed");
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

    public static KpiCard card(KpiSnapshot snapshot, String id, String window, String currency) {
        return snapshot.cards().stream()
                .filter(c -> c.id().equals(id) && c.window().equals(window)
                        && Objects.equals(c.currency(), currency))
                .findFirst().orElseThrow(() -> new AssertionError("no card " + id + " " + window + " " + currency));
    }

    public static KpiCard.Breakdown part(KpiCard card, String dimension, String key) {
        KpiCard.Breakdown part = optionalPart(card, dimension, key);
        if (part == null) {
            throw new AssertionError("no " + dimension + " " + key + " in " + card.id() + ": " + card.breakdowns());
        }
        return part;
    }

    public static KpiCard.Breakdown optionalPart(KpiCard card, String dimension, String key) {
        return card.breakdowns().stream().filter(b -> b.dimension().equals(dimension) && b.key().equals(key))
                .findFirst().orElse(null);
    }
}
