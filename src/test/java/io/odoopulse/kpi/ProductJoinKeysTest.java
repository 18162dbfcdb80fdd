package io.odoopulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.odoopulse.support.RecordedDataset;
import io.odoopulse.support.TestTenants;
import io.odoopulse.tenant.KpiSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The products a card lists carry, beside Odoo's id and name, the internal reference (SKU) and barcode (GTIN) that
 * ad and marketplace connectors know them by, as Odoo holds them on product.product; a product without them has
 * neither key in the JSON.
 */
class ProductJoinKeysTest {

    private static final Instant AS_OF = Instant.parse("2026-11-22T00:00:00Z");

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "19.0"})
    void everyListedProductCarriesOdoosInternalReferenceAndBarcode(String version) throws Exception {
        KpiSnapshot snapshot = new KpiAggregator(RecordedDataset.storedInH2(version, "keys"),
                TestTenants.with("keys", AS_OF, ZoneOffset.UTC, KpiSettings.defaults()), List.of(7, 30, 90),
                Clock.fixed(AS_OF, ZoneOffset.UTC)).snapshot("keys");
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

        int listed = 0;
        int withSku = 0;
        for (KpiCard card : snapshot.cards()) {
            JsonNode parts = json.valueToTree(card).path("breakdowns");
            for (JsonNode part : parts) {
                if (!part.path("dimension").asText().equals("product")) {
                    continue;
                }
                Map<String, Object> odoo = RecordedDataset.record(version, "product.product",
                        Long.parseLong(part.path("key").asText()));
                Object code = odoo.get("default_code");
                Object barcode = odoo.get("barcode");
                assertThat(part.path("sku").isMissingNode() ? null : part.path("sku").asText()).as(card.id() + " "
                        + part).isEqualTo(code instanceof String s && !s.isBlank() ? s : null);
                assertThat(part.path("gtin").isMissingNode() ? null : part.path("gtin").asText()).as(card.id() + " "
                        + part).isEqualTo(barcode instanceof String s && !s.isBlank() ? s : null);
                listed++;
                withSku += part.has("sku") ? 1 : 0;
            }
        }
        assertThat(listed).as("products listed by the inventory cards").isPositive();
        assertThat(withSku).as("listed products with an internal reference").isPositive();
    }
}
