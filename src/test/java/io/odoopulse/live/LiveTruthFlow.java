package io.odoopulse.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.demo.SnapshotInbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The live suite's shared check: the whole flow pulls a real Odoo (../shared/odoo-server) and the pushed sales
 * cards equal that Odoo's own truth.json to the cent. Each subclass names a version and is enabled by its URL.
 */
abstract class LiveTruthFlow {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Autowired
    SnapshotInbox inbox;

    abstract String version();

    @Test
    void pushedSalesCardsEqualTheRealOdoosTruthFile() throws IOException {
        String tenant = "odoo" + version().replace(".0", "");
        await().atMost(Duration.ofMinutes(3)).until(() -> inbox.latest(tenant).isPresent());
        JsonNode pushed = inbox.latest(tenant).orElseThrow();
        JsonNode truth;
        try (InputStream in = getClass().getResourceAsStream("/odoo-contract/" + version() + "/truth.json")) {
            truth = JSON.readTree(in);
        }

        for (String window : List.of("7d", "30d", "90d")) {
            truth.path("kpis").path("revenue_orders_aov").path(window).path("by_currency_all_companies").fields()
                    .forEachRemaining(entry -> {
                        JsonNode expected = entry.getValue();
                        assertThat(card(pushed, "revenue", window, entry.getKey()))
                                .isEqualByComparingTo(expected.path("revenue_amount_total").decimalValue());
                        assertThat(card(pushed, "orders", window, entry.getKey()))
                                .isEqualByComparingTo(BigDecimal.valueOf(expected.path("orders").asLong()));
                        assertThat(card(pushed, "aov", window, entry.getKey()))
                                .isEqualByComparingTo(expected.path("aov").decimalValue());
                    });
        }
    }

    private static BigDecimal card(JsonNode snapshot, String id, String window, String currency) {
        for (JsonNode card : snapshot.path("cards")) {
            if (card.path("id").asText().equals(id) && card.path("window").asText().equals(window)
                    && card.path("currency").asText().equals(currency)) {
                return new BigDecimal(card.path("value").asText());
            }
        }
        throw new AssertionError("no card " + id + " " + window + " " + currency);
    }
}
