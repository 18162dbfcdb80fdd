package io.odoopulse.demo.simulator;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetGeneratorTest {

    static final Instant AS_OF = Instant.parse("2026-11-22T00:00:00Z");

    static OdooDatabase generate(OdooFlavour f, long seed, int orders) {
        OdooDatabase db = new OdooDatabase(Clock.systemUTC());
        DatasetGenerator.generate(db, f, new DatasetSource.Generated(seed, orders, AS_OF));
        return db;
    }

    static Set<String> recordedKeys(String version, String model) throws IOException {
        String res = "odoo-contract/" + version + "/dataset/" + model + ".jsonl.gz";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                DatasetGeneratorTest.class.getClassLoader().getResourceAsStream(res)), StandardCharsets.UTF_8))) {
            Set<String> keys = new TreeSet<>(Json.parseObject(r.readLine()).keySet());
            keys.removeIf(k -> k.endsWith("_us") || k.equals("has_image"));
            return keys;
        }
    }

    @Test
    void sameSeedOrdersAndAsOfGiveTheSameRecords() {
        assertThat(generate(OdooFlavour.V17, 7, 50).records("sale.order"))
                .isEqualTo(generate(OdooFlavour.V17, 7, 50).records("sale.order"));
        assertThat(generate(OdooFlavour.V17, 7, 50).records("sale.order"))
                .isNotEqualTo(generate(OdooFlavour.V17, 8, 50).records("sale.order"));
    }

    @Test
    void recordsHaveExactlyTheFieldsOfTheRecordedExportOfEachVersion() throws IOException {
        for (OdooFlavour f : List.of(OdooFlavour.V17, OdooFlavour.V18, OdooFlavour.V19)) {
            OdooDatabase db = generate(f, 1, 10);
            for (String model : List.of("sale.order", "sale.order.line", "res.partner", "product.product",
                    "product.template", "res.company", "res.currency", "res.currency.rate", "account.move", "account.move.line",
                    "account.payment", "stock.quant", "stock.move", "stock.location")) {
                assertThat(new TreeSet<>(db.records(model).get(0).keySet()))
                        .as(f + " " + model).isEqualTo(recordedKeys(f.serverSerie(), model));
            }
        }
    }

    @Test
    void amountsAreInCentsAndTotalIsUntaxedPlusTax() {
        for (Map<String, Object> o : generate(OdooFlavour.V17, 3, 300).records("sale.order")) {
            double untaxed = (Double) o.get("amount_untaxed");
            double tax = (Double) o.get("amount_tax");
            double total = (Double) o.get("amount_total");
            assertThat(Math.round(total * 100)).isEqualTo(Math.round(untaxed * 100) + Math.round(tax * 100));
            assertThat(total * 100).isCloseTo(Math.rint(total * 100), org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void ordersSpreadOver120DaysWithPlentyInTheLastWeekAndAllFourStates() {
        List<Map<String, Object>> orders = generate(OdooFlavour.V17, 17017, 500).records("sale.order");
        String weekAgo = "2026-11-15 00:00:00";
        long lastWeek = orders.stream().filter(o -> ((String) o.get("date_order")).compareTo(weekAgo) >= 0).count();
        String oldest = orders.stream().map(o -> (String) o.get("date_order")).min(String::compareTo).orElseThrow();
        Set<Object> states = new HashSet<>();
        orders.forEach(o -> states.add(o.get("state")));

        assertThat(lastWeek).isGreaterThan(40);
        assertThat(oldest).isGreaterThanOrEqualTo("2026-07-25 00:00:00").isLessThan("2026-08-15 00:00:00");
        assertThat(states).containsExactlyInAnyOrder("draft", "sent", "sale", "cancel");
    }

    @Test
    void ordersBelongToAUsdAndAnEurSellingCompany() {
        OdooDatabase db = generate(OdooFlavour.V17, 17017, 200);
        Set<Object> pairs = new HashSet<>();
        for (Map<String, Object> o : db.records("sale.order")) {
            if (((List<?>) o.get("company_id")).get(0).equals(DatasetGenerator.COMPANY_EU)) {
                pairs.add("EU:" + ((List<?>) o.get("currency_id")).get(1));
            } else {
                pairs.add("US:" + ((List<?>) o.get("currency_id")).get(1));
            }
        }
        assertThat(pairs).contains("EU:EUR", "US:USD");
        assertThat(db.records("res.company")).extracting(c -> (Object) ((List<?>) c.get("currency_id")).get(1))
                .containsExactly("USD", "EUR");
    }

    @Test
    void odoo18ProductsUseTypeAndIsStorableInsteadOfDetailedType() {
        Map<String, Object> tmpl = generate(OdooFlavour.V18, 1, 1).records("product.template").get(0);
        assertThat(tmpl).containsKey("is_storable").doesNotContainKey("detailed_type");
        assertThat(tmpl.get("type")).isIn("consu", "service", "combo");
    }
}
