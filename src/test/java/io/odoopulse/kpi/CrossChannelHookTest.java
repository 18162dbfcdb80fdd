package io.odoopulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.StockLevel;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import io.odoopulse.tenant.KpiSettings;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A card combining Odoo with another source plugs in as a {@link CardFamily} with its own definition: here ad spend
 * (as an ad platform would report it per product) on products Odoo shows out of stock. It is pushed beside Odoo's
 * cards with tier cross-channel, both sources named, and judged by its definition's or the tenant's levels.
 */
class CrossChannelHookTest {

    private static final String T = "xc";
    private static final Instant AS_OF = Instant.parse("2026-11-22T00:00:00Z");
    private static final CardDefinition AD_SPEND = new CardDefinition("ad-spend-out-of-stock",
            "Ad spend on out-of-stock products", "inventory", "currency", KpiCard.Tier.CROSS_CHANNEL,
            CardDefinition.Polarity.LOWER_IS_BETTER, false, new KpiSettings.Threshold(BigDecimal.ZERO,
            new BigDecimal("100")));

    /** Last 7 days' spend per Odoo product id, in USD, as the ad platform's API would return it. */
    private static final Map<Long, BigDecimal> SPEND = Map.of(1L, new BigDecimal("80.00"), 2L,
            new BigDecimal("45.50"), 3L, new BigDecimal("500.00"));

    /** The family an ad-platform connector would bring: Odoo's stock from the store, the spend from the platform. */
    private record AdSpendOnOutOfStock(JdbcTemplate jdbc) implements CardFamily {

        @Override
        public List<KpiCard> cards(KpiContext context) {
            Map<Long, BigDecimal> onHand = new TreeMap<>();
            jdbc.query("SELECT product_id, SUM(on_hand) FROM canonical_stock_level WHERE tenant = ?"
                    + " AND deleted_at IS NULL GROUP BY product_id", rs -> {
                        onHand.put(rs.getLong(1), rs.getBigDecimal(2));
                    }, context.tenant());
            BigDecimal total = BigDecimal.ZERO;
            List<KpiCard.Breakdown> parts = new ArrayList<>();
            for (var entry : new TreeMap<>(SPEND).entrySet()) {
                if (onHand.getOrDefault(entry.getKey(), BigDecimal.ZERO).signum() <= 0) {
                    total = total.add(entry.getValue());
                    parts.add(new KpiCard.Breakdown("product", String.valueOf(entry.getKey()),
                            "product " + entry.getKey(), entry.getValue(), null));
                }
            }
            KpiWindow week = context.windows().get(0);
            return List.of(new KpiCard(AD_SPEND.id(), AD_SPEND.title(), week.name(), week.start(), week.end(), "USD",
                    AD_SPEND.unit(), total, null, AD_SPEND.section(), AD_SPEND.tier(), null, null, parts,
                    KpiCard.Sentiment.NEUTRAL, List.of("odoo", "ads")));
        }

        @Override
        public List<CardDefinition> definitions() {
            return List.of(AD_SPEND);
        }
    }

    @Test
    void aCrossChannelCardIsPushedBesideOdoosCardsAndJudgedByItsOwnDefinition() {
        KpiSnapshot snapshot = snapshot(KpiSettings.defaults());

        KpiCard card = TruthChecks.card(snapshot, "ad-spend-out-of-stock", "7d", "USD");
        assertThat(card.value()).isEqualByComparingTo("125.50");
        assertThat(card.breakdowns()).extracting(KpiCard.Breakdown::key).containsExactly("1", "2");
        assertThat(card.tier()).isEqualTo(KpiCard.Tier.CROSS_CHANNEL);
        assertThat(card.sources()).containsExactly("odoo", "ads");
        assertThat(card.sentiment()).isEqualTo(KpiCard.Sentiment.NEGATIVE);
        assertThat(TruthChecks.card(snapshot, "out-of-stock", "now", null).sources()).containsExactly("odoo");
    }

    @Test
    void aTenantsOwnLevelsForACrossChannelCardOverrideItsDefinitions() {
        KpiSettings settings = new KpiSettings(Optional.empty(), KpiSettings.DEFAULT_LOW_STOCK,
                KpiSettings.DEFAULT_SLOW_MOVER_DAYS, KpiSettings.DEFAULT_CHURN_DAYS, Map.of("ad-spend-out-of-stock",
                new KpiSettings.Threshold(BigDecimal.ZERO, new BigDecimal("200"))));

        KpiCard card = TruthChecks.card(snapshot(settings), "ad-spend-out-of-stock", "7d", "USD");

        assertThat(card.sentiment()).isEqualTo(KpiCard.Sentiment.NEUTRAL);
    }

    @Test
    void aFamilyCannotRedefineABuiltInCard() {
        CardDefinition clash = new CardDefinition("revenue", "Revenue from ads", "sales", "currency",
                KpiCard.Tier.CROSS_CHANNEL, CardDefinition.Polarity.HIGHER_IS_BETTER, true, null);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CardDefinition.register(clash))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("card id revenue is already defined");
    }

    private static KpiSnapshot snapshot(KpiSettings settings) {
        JdbcTemplate jdbc = TestDatabase.freshH2();
        new CanonicalStore(jdbc).storeAll(List.of(level(1, 1, "0"), level(2, 2, "-1"), level(3, 3, "10")));
        List<CardFamily> families = List.of(new InventoryCards(jdbc), new AdSpendOnOutOfStock(jdbc));
        return new KpiAggregator(jdbc, TestTenants.with(T, AS_OF, ZoneId.of("UTC"), settings), List.of(7, 30, 90),
                Clock.fixed(AS_OF, ZoneOffset.UTC), families).snapshot(T);
    }

    private static StockLevel level(long id, long product, String qty) {
        return new StockLevel(T, "odoo", "stock.quant", id, "17.0", product, "P" + product, 8L, "WH/Stock", 1L,
                "US Inc", new BigDecimal(qty), BigDecimal.ZERO, AS_OF);
    }
}
