package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.odoopulse.tenant.KpiSettings;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The checks of the Nerve Centre's Odoo audit profile that odoo-pulse makes (docs/kpis.md, "Audit checks"), as
 * cards of the state at the as-of time: how many records offend, and which (their Odoo ids, capped). So far: stock
 * quants with a negative quantity in the merchant's own locations, per location.
 */
public class AuditCheckCards implements CardFamily {

    /** How many offending records a check lists. */
    static final int LISTED = 20;

    private final JdbcTemplate jdbc;

    public AuditCheckCards(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<CardDefinition> definitions() {
        return List.of(new CardDefinition("audit-negative-quants", "Stock quants with negative quantity",
                "audit-stock", "count", KpiCard.Tier.NON_HERO, CardDefinition.Polarity.LOWER_IS_BETTER, false,
                new KpiSettings.Threshold(BigDecimal.ZERO, BigDecimal.ONE)));
    }

    @Override
    public CardFamily forSeries() {
        // State at the as-of time: nothing to draw per day, so not computed again for each day of the series.
        return null;
    }

    @Override
    public List<KpiCard> cards(KpiContext context) {
        String tenant = context.tenant();
        // Internal (the merchant's own) locations, known from the stock moves that name their usage, as for on-hand.
        List<long[]> quants = new ArrayList<>();
        Map<String, long[]> byLocation = new LinkedHashMap<>();
        List<KpiCard.Breakdown> listed = new ArrayList<>();
        jdbc.query("""
                SELECT source_id, location_id, location, product_id, product, on_hand FROM canonical_stock_level
                WHERE tenant = ? AND deleted_at IS NULL AND on_hand < 0 AND location_id IN (
                    SELECT to_location_id FROM canonical_stock_move WHERE tenant = ? AND to_kind = 'INTERNAL'
                    UNION SELECT from_location_id FROM canonical_stock_move WHERE tenant = ? AND from_kind = 'INTERNAL')
                ORDER BY on_hand, source_id
                """, rs -> {
            long id = rs.getLong("source_id");
            quants.add(new long[] {id});
            String location = rs.getString("location");
            byLocation.computeIfAbsent(location == null ? "location " + rs.getLong("location_id") : location,
                    l -> new long[1])[0]++;
            if (listed.size() < LISTED) {
                listed.add(Cards.part("stock.quant", String.valueOf(id), rs.getString("product") + " @ " + location,
                        rs.getBigDecimal("on_hand"), null));
            }
        }, tenant, tenant, tenant);
        List<KpiCard.Breakdown> parts = new ArrayList<>();
        byLocation.forEach((location, n) -> parts.add(Cards.part("location", location, Cards.count(n[0]), n[0])));
        parts.addAll(listed);
        return List.of(Cards.at("audit-negative-quants", "now", context, null, Cards.count(quants.size()), parts)
                .withHow(OdooQuery.searchCount("stock.quant", List.of(Explain.leaf("quantity", "<", 0),
                        Explain.leaf("location_id.usage", "=", "internal")), Explain.context(context))));
    }
}
