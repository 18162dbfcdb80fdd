package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The checks of the Nerve Centre's Odoo audit profile that odoo-pulse makes (docs/kpis.md, "Audit checks"), as
 * cards of the state at the as-of time: how many records offend, and which (their Odoo ids, capped). So far: stock
 * quants with a negative quantity in the merchant's own locations, per location; replenishment rules whose product
 * has less on hand in the rule's location than the rule's minimum.
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
        return List.of(CardDefinition.auditCheck("audit-negative-quants", "Stock quants with negative quantity",
                "audit-stock"), CardDefinition.auditCheck("audit-below-reorder-point",
                "Products below their reorder point", "audit-reorder"));
    }

    @Override
    public CardFamily forSeries() {
        // State at the as-of time: nothing to draw per day, so not computed again for each day of the series.
        return null;
    }

    @Override
    public List<KpiCard> cards(KpiContext context) {
        return List.of(negativeQuants(context), belowReorderPoint(context));
    }

    private KpiCard negativeQuants(KpiContext context) {
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
        return Cards.at("audit-negative-quants", "now", context, null, Cards.count(quants.size()), parts)
                .withHow(OdooQuery.searchCount("stock.quant", List.of(Explain.leaf("quantity", "<", 0),
                        Explain.leaf("location_id.usage", "=", "internal")), Explain.context(context)));
    }

    /**
     * Active replenishment rules whose product has less on hand than the rule's minimum, on hand as Odoo's
     * qty_available with the rule's location in context: the quants of that location and of its descendants, the
     * locations whose parent_path starts with the rule location's (Odoo's child_of), archived ones included. By ids,
     * not names: renaming a location changes neither its tree nor its quants' write_date. A rule is listed under its
     * location's current full name. Worst first: largest shortfall.
     */
    private KpiCard belowReorderPoint(KpiContext context) {
        String tenant = context.tenant();
        List<Object[]> below = new ArrayList<>();
        jdbc.query("""
                SELECT * FROM (
                    SELECT r.source_id, r.product, COALESCE(rl.name, r.location) AS location, r.warehouse,
                        r.min_quantity, COALESCE((
                        SELECT SUM(q.on_hand) FROM canonical_stock_level q
                        LEFT JOIN canonical_location ql ON ql.tenant = q.tenant AND ql.source_id = q.location_id
                             AND ql.deleted_at IS NULL
                        WHERE q.tenant = r.tenant AND q.deleted_at IS NULL AND q.product_id = r.product_id
                          AND (q.location_id = r.location_id OR ql.parent_path LIKE rl.parent_path || '%')), 0)
                        AS on_hand
                    FROM canonical_reorder_rule r
                    LEFT JOIN canonical_location rl ON rl.tenant = r.tenant AND rl.source_id = r.location_id
                         AND rl.deleted_at IS NULL
                    WHERE r.tenant = ? AND r.deleted_at IS NULL AND r.active) rule
                WHERE on_hand < min_quantity
                ORDER BY min_quantity - on_hand DESC, source_id
                """, rs -> {
            below.add(new Object[] {rs.getLong("source_id"), rs.getString("product"), rs.getString("location"),
                    rs.getString("warehouse"), rs.getBigDecimal("on_hand"), rs.getBigDecimal("min_quantity")});
        }, tenant);
        Map<String, long[]> byWarehouse = new LinkedHashMap<>();
        List<KpiCard.Breakdown> parts = new ArrayList<>();
        for (Object[] rule : below) {
            byWarehouse.computeIfAbsent(rule[3] == null ? "no warehouse" : (String) rule[3], w -> new long[1])[0]++;
        }
        byWarehouse.forEach((warehouse, n) -> parts.add(Cards.part("warehouse", warehouse, Cards.count(n[0]), n[0])));
        for (Object[] rule : below.subList(0, Math.min(LISTED, below.size()))) {
            BigDecimal onHand = ((BigDecimal) rule[4]).stripTrailingZeros();
            BigDecimal minimum = ((BigDecimal) rule[5]).stripTrailingZeros();
            parts.add(Cards.part("stock.warehouse.orderpoint", String.valueOf(rule[0]), rule[1] + " @ " + rule[2]
                    + ": " + onHand.toPlainString() + " on hand, minimum " + minimum.toPlainString(), onHand, null));
        }
        // The rule's qty_on_hand is computed, not stored: no domain can compare it, so the figure is a count over
        // the rules this call reads.
        return Cards.at("audit-below-reorder-point", "now", context, null, Cards.count(below.size()), parts)
                .withHow(new OdooQuery("stock.warehouse.orderpoint", "search_read",
                        List.of(Explain.leaf("active", "=", true)), List.of("product_id", "location_id",
                        "product_min_qty", "qty_on_hand"), null, null, Explain.context(context),
                        "the rules read whose qty_on_hand (the product's qty_available with the rule's location in "
                                + "context, child locations included) is below product_min_qty", null));
    }
}
