package io.odoopulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CardAvailabilityTest {

    private static KpiCard card(String id, String section) {
        return new KpiCard(id, id, "now", null, null, null, "count", BigDecimal.ZERO, null, section,
                KpiCard.Tier.NON_HERO, null, null, List.of(), KpiCard.Sentiment.NEUTRAL, List.of("odoo"));
    }

    private static KpiSnapshot snapshot() {
        return new KpiSnapshot("shop", "Shop", "odoo", Instant.EPOCH, Instant.EPOCH, "UTC", "USD", "", List.of(),
                List.of(card("revenue", "sales"), card("out-of-stock", "inventory"), card("overdue", "finance")));
    }

    @Test
    void aShopWithoutInventoryGetsItsStockCardsListedAsUnavailableNotAsZero() {
        CardAvailability availability = new CardAvailability(tenant -> Map.of("sale", true, "account", true,
                "stock", false, "website_sale", true, "point_of_sale", true), (tenant, model, field) -> null);

        KpiSnapshot result = availability.apply(snapshot());

        assertThat(result.cards()).extracting(KpiCard::id).containsExactly("revenue", "overdue");
        assertThat(result.unavailable()).containsExactly(new KpiSnapshot.Unavailable("audit-reorder", "stock",
                "the Odoo app 'stock' is not installed"), new KpiSnapshot.Unavailable("audit-reorder-trend", "stock",
                "the Odoo app 'stock' is not installed"), new KpiSnapshot.Unavailable("audit-stock", "stock",
                "the Odoo app 'stock' is not installed"), new KpiSnapshot.Unavailable("audit-stock-value", "stock",
                "the Odoo app 'stock' is not installed"), new KpiSnapshot.Unavailable("inventory", "stock",
                "the Odoo app 'stock' is not installed"));
    }

    @Test
    void aSectionWhoseFieldThePullDoesNotReadIsUnavailableNotZero() {
        CardAvailability availability = new CardAvailability(tenant -> Map.of("sale", true, "account", true,
                "stock", true, "website_sale", true, "point_of_sale", true), (tenant, model, field) ->
                "stock.quant".equals(model) && "stockValue".equals(field)
                        ? "the integration user may not read stock.quant.value" : null);
        KpiSnapshot withValueCard = new KpiSnapshot("shop", "Shop", "odoo", Instant.EPOCH, Instant.EPOCH, "UTC",
                "USD", "", List.of(), List.of(card("revenue", "sales"), card("audit-slow-moving-stock-value",
                "audit-stock-value")));

        KpiSnapshot result = availability.apply(withValueCard);

        assertThat(result.cards()).extracting(KpiCard::id).containsExactly("revenue");
        assertThat(result.unavailable()).containsExactly(new KpiSnapshot.Unavailable("audit-stock-value", null,
                "not read: the integration user may not read stock.quant.value"));
    }

    @Test
    void aShopWithEveryAppKeepsEveryCard() {
        CardAvailability availability = new CardAvailability(tenant -> Map.of("sale", true, "account", true,
                "stock", true, "website_sale", true, "point_of_sale", true), (tenant, model, field) -> null);

        KpiSnapshot result = availability.apply(snapshot());

        assertThat(result.cards()).hasSize(3);
        assertThat(result.unavailable()).isEmpty();
    }
}
