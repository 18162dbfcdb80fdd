package io.odoopulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.odoopulse.pull.PullFreshness;
import io.odoopulse.support.TestTenants;
import org.junit.jupiter.api.Test;

class CardFreshnessTest {

    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

    private static KpiCard card(String id, String section) {
        return new KpiCard(id, id, "now", null, null, null, "count", BigDecimal.ZERO, null, section,
                KpiCard.Tier.NON_HERO, null, null, List.of(), KpiCard.Sentiment.NEUTRAL, List.of("odoo"));
    }

    @Test
    void aSectionWhoseModelsTheBundleDoesNotPullIsListedAsUnavailableNotSentAsZeros() {
        // The tenant's bundle pulls sale.order only.
        CardFreshness freshness = new CardFreshness(TestTenants.withFixedAsOf("shop", NOW), tenant -> List.of(
                new PullFreshness.Entry("sale.order", NOW, NOW, NOW, null, null, 1, null)));
        KpiSnapshot snapshot = new KpiSnapshot("shop", "Shop", "odoo", NOW, NOW, "UTC", "USD", "", List.of(),
                List.of(card("revenue", "sales"), card("out-of-stock", "inventory"), card("catalogue-missing-image",
                        "catalogue")));

        KpiSnapshot result = freshness.apply(snapshot);

        assertThat(result.cards()).extracting(KpiCard::id).containsExactly("revenue");
        assertThat(result.unavailable()).extracting(KpiSnapshot.Unavailable::section, KpiSnapshot.Unavailable::reason)
                .contains(org.assertj.core.api.Assertions.tuple("inventory",
                                "not pulled by the tenant's bundle: product.product, stock.quant, stock.move"),
                        org.assertj.core.api.Assertions.tuple("catalogue",
                                "not pulled by the tenant's bundle: product.product"));
    }
}
