package io.odoopulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.MappingLoader;
import io.odoopulse.canonical.ModelMapping;
import io.odoopulse.canonical.Order;
import io.odoopulse.support.RecordedDataset;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sales cards computed from a real Odoo's exported sale orders equal the figures that Odoo itself computed
 * with read_group on the same database (truth.json), to the cent.
 */
class TruthFileTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"17.0", "18.0", "19.0"})
    void salesCardsEqualOdoosOwnReadGroupFigures(String version) throws IOException {
        JsonNode truth = truth(version);
        Instant asOf = Instant.parse(truth.path("as_of").asText());
        KpiSnapshot snapshot = snapshotOfRecordedOrders(version, asOf);

        for (String window : List.of("7d", "30d", "90d")) {
            JsonNode byCurrency = truth.path("kpis").path("revenue_orders_aov").path(window)
                    .path("by_currency_all_companies");
            assertThat(byCurrency.size()).as("currencies in truth.json %s", window).isPositive();
            byCurrency.fields().forEachRemaining(entry -> {
                String currency = entry.getKey();
                JsonNode expected = entry.getValue();
                assertThat(card(snapshot, "revenue", window, currency))
                        .as("revenue %s %s", window, currency)
                        .isEqualByComparingTo(expected.path("revenue_amount_total").decimalValue());
                assertThat(card(snapshot, "orders", window, currency))
                        .as("orders %s %s", window, currency)
                        .isEqualByComparingTo(BigDecimal.valueOf(expected.path("orders").asLong()));
                assertThat(card(snapshot, "aov", window, currency))
                        .as("aov %s %s", window, currency)
                        .isEqualByComparingTo(expected.path("aov").decimalValue());
            });
        }
    }

    private static KpiSnapshot snapshotOfRecordedOrders(String version, Instant asOf) {
        CanonicalStore store = new CanonicalStore(TestDatabase.freshH2());
        ModelMapping mapping = MappingLoader.load(Path.of("mappings/odoo-" + version.replace(".0", "") + ".yaml"))
                .forModel("sale.order");
        for (Map<String, Object> record : RecordedDataset.records(version, "sale.order")) {
            store.upsert((Order) mapping.map("recorded", "odoo", version, record));
        }
        return new KpiAggregator(store, TestTenants.withFixedAsOf("recorded", asOf), List.of(7, 30, 90),
                Clock.fixed(asOf, ZoneOffset.UTC))
                .snapshot("recorded");
    }

    private static JsonNode truth(String version) throws IOException {
        try (InputStream in = TruthFileTest.class.getResourceAsStream("/odoo-contract/" + version + "/truth.json")) {
            return JSON.readTree(in);
        }
    }

    private static BigDecimal card(KpiSnapshot snapshot, String id, String window, String currency) {
        return snapshot.cards().stream()
                .filter(c -> c.id().equals(id) && c.window().equals(window) && c.currency().equals(currency))
                .findFirst().orElseThrow(() -> new AssertionError("no card " + id + " " + window + " " + currency))
                .value();
    }
}
