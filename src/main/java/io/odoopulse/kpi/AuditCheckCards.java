package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
    private final StoreReads reads;

    public AuditCheckCards(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.reads = new StoreReads(jdbc);
    }

    @Override
    public List<CardDefinition> definitions() {
        return List.of(CardDefinition.auditCheck("audit-negative-quants", "Stock quants with negative quantity",
                "audit-stock"), CardDefinition.auditCheck("audit-below-reorder-point",
                "Products below their reorder point", "audit-reorder"),
                CardDefinition.auditCheck("audit-below-reorder-point-falling",
                        "Products below their reorder point and falling", "audit-reorder-trend"));
    }

    @Override
    public CardFamily forSeries() {
        // State at the as-of time: nothing to draw per day, so not computed again for each day of the series.
        return null;
    }

    @Override
    public List<KpiCard> cards(KpiContext context) {
        List<KpiCard> below = belowReorderPoint(context);
        List<KpiCard> cards = new ArrayList<>();
        cards.add(negativeQuants(context));
        cards.addAll(below);
        return cards;
    }

    private KpiCard negativeQuants(KpiContext context) {
        String tenant = context.tenant();
        // Internal (the merchant's own) locations, known from the stock moves that name their usage, as for on-hand.
        List<long[]> quants = new ArrayList<>();
        Map<String, long[]> byLocation = new LinkedHashMap<>();
        List<KpiCard.Breakdown> listed = new ArrayList<>();
        for (Map<String, Object> row : reads.rows(context, """
                SELECT source_id, location_id, location, product_id, product, on_hand FROM canonical_stock_level
                WHERE tenant = ? AND deleted_at IS NULL AND on_hand < 0 AND location_id IN (
                    SELECT to_location_id FROM canonical_stock_move WHERE tenant = ? AND to_kind = 'INTERNAL'
                    UNION SELECT from_location_id FROM canonical_stock_move WHERE tenant = ? AND from_kind = 'INTERNAL')
                ORDER BY on_hand, source_id
                """, tenant, tenant, tenant)) {
            long id = ((Number) row.get("source_id")).longValue();
            quants.add(new long[] {id});
            String location = (String) row.get("location");
            byLocation.computeIfAbsent(location == null ? "location " + row.get("location_id") : location,
                    l -> new long[1])[0]++;
            if (listed.size() < LISTED) {
                listed.add(Cards.part("stock.quant", String.valueOf(id), row.get("product") + " @ " + location,
                        KpiContext.decimal(row.get("on_hand")), null));
            }
        }
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
    private List<KpiCard> belowReorderPoint(KpiContext context) {
        String tenant = context.tenant();
        List<Object[]> below = new ArrayList<>();
        for (Map<String, Object> row : reads.rows(context, """
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
                """, tenant)) {
            below.add(new Object[] {((Number) row.get("source_id")).longValue(), row.get("product"),
                    row.get("location"), row.get("warehouse"), KpiContext.decimal(row.get("on_hand")),
                    KpiContext.decimal(row.get("min_quantity"))});
        }
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
        OdooQuery rules = new OdooQuery("stock.warehouse.orderpoint", "search_read",
                List.of(Explain.leaf("active", "=", true)), List.of("product_id", "location_id",
                "product_min_qty", "qty_on_hand"), null, null, Explain.context(context), null, null);
        KpiCard belowCard = Cards.at("audit-below-reorder-point", "now", context, null, Cards.count(below.size()),
                parts).withHow(rules.computed("the rules read whose qty_on_hand (the product's qty_available with the"
                + " rule's location in context, child locations included) is below product_min_qty"));
        return List.of(belowCard, falling(context, below, rules));
    }

    /** How far back a rule's on hand is followed to tell whether it is falling: the Nerve Centre's 7D. */
    static final int TREND_DAYS = 7;

    /**
     * Of the rules below their minimum, those whose on hand is falling: more of the product left the rule's location
     * and its descendants than entered them, by done moves in the {@link #TREND_DAYS} tenant-local days before the
     * as-of time (on hand now is lower than then). Worst first: largest fall.
     */
    private KpiCard falling(KpiContext context, List<Object[]> below, OdooQuery rules) {
        Instant since = context.asOf().atZone(context.zone()).minusDays(TREND_DAYS).toInstant();
        Map<Long, BigDecimal> fell = new HashMap<>();
        if (!below.isEmpty()) {
            jdbc.query("""
                    SELECT r.source_id, SUM(CASE
                        WHEN COALESCE(m.from_location_id = r.location_id OR fl.parent_path LIKE rl.parent_path || '%',
                                      FALSE)
                         AND NOT COALESCE(m.to_location_id = r.location_id OR tl.parent_path LIKE rl.parent_path || '%',
                                          FALSE) THEN m.quantity
                        WHEN COALESCE(m.to_location_id = r.location_id OR tl.parent_path LIKE rl.parent_path || '%',
                                      FALSE)
                         AND NOT COALESCE(m.from_location_id = r.location_id OR fl.parent_path LIKE rl.parent_path
                                          || '%', FALSE) THEN -m.quantity
                        ELSE 0 END) AS fell
                    FROM canonical_reorder_rule r
                    JOIN canonical_location rl ON rl.tenant = r.tenant AND rl.source_id = r.location_id
                    JOIN canonical_stock_move m ON m.tenant = r.tenant AND m.product_id = r.product_id
                         AND m.status = 'DONE' AND m.deleted_at IS NULL AND m.moved_at >= ? AND m.moved_at < ?
                    LEFT JOIN canonical_location fl ON fl.tenant = m.tenant AND fl.source_id = m.from_location_id
                    LEFT JOIN canonical_location tl ON tl.tenant = m.tenant AND tl.source_id = m.to_location_id
                    WHERE r.tenant = ? AND r.deleted_at IS NULL AND r.active
                    GROUP BY r.source_id
                    """, rs -> {
                fell.put(rs.getLong("source_id"), rs.getBigDecimal("fell"));
            }, KpiContext.utc(since), KpiContext.utc(context.asOf()), context.tenant());
        }
        List<Object[]> falling = new ArrayList<>(below.stream().filter(rule -> fell.getOrDefault((Long) rule[0],
                BigDecimal.ZERO).signum() > 0).toList());
        falling.sort(java.util.Comparator.comparing((Object[] rule) -> fell.get((Long) rule[0])).reversed()
                .thenComparing(rule -> (Long) rule[0]));
        List<KpiCard.Breakdown> parts = new ArrayList<>();
        for (Object[] rule : falling.subList(0, Math.min(LISTED, falling.size()))) {
            BigDecimal onHand = ((BigDecimal) rule[4]).stripTrailingZeros();
            parts.add(Cards.part("stock.warehouse.orderpoint", String.valueOf(rule[0]), rule[1] + " @ " + rule[2]
                    + ": " + onHand.toPlainString() + " on hand, minimum " + ((BigDecimal) rule[5])
                    .stripTrailingZeros().toPlainString() + ", down " + fell.get((Long) rule[0]).stripTrailingZeros()
                    .toPlainString() + " in " + TREND_DAYS + " days", fell.get((Long) rule[0]), null));
        }
        // The done quantity is quantity_done up to 16, quantity from 17.
        String done = Explain.odooMajor(reads, context, "canonical_stock_move") == 16 ? "quantity_done"
                : "quantity";
        OdooQuery moves = OdooQuery.readGroup("stock.move", Explain.domain(Explain.leaf("state", "=", "done"),
                Explain.leaf("date", ">=", Explain.datetime(since)), Explain.leaf("date", "<",
                        Explain.datetime(context.asOf()))), List.of(done + ":sum"), List.of("product_id",
                "location_id", "location_dest_id"), Explain.context(context));
        return Cards.at("audit-below-reorder-point-falling", "now", context, null, Cards.count(falling.size()), parts)
                .withHow(rules.computed("the rules below product_min_qty (as audit-below-reorder-point) whose product"
                        + " left the rule's location and its children (child_of) by more than it entered them in the"
                        + " stock.move rows", moves));
    }
}
