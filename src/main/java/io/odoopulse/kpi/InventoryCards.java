package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Out of stock, low stock, negative stock and slow movers among active stock-tracked products, at the as-of time.
 * On-hand is the sum of the product's quantities in the merchant's own (internal) locations, as Odoo's
 * qty_available: per company it counts that company's locations; the headline counts all of them. A location is
 * internal when a stock move says so: quants do not carry their location's usage, moves do, and stock only enters
 * a location through a move.
 */
public class InventoryCards implements CardFamily {

    /** The tenant's internal locations (bound: the tenant twice), known from the moves that name their usage. */
    static final String INTERNAL_LOCATIONS = """
            SELECT to_location_id FROM canonical_stock_move WHERE tenant = ? AND to_kind = 'INTERNAL'
            UNION SELECT from_location_id FROM canonical_stock_move WHERE tenant = ? AND from_kind = 'INTERNAL'
            """;

    /** How many products a card lists in its breakdowns, worst first. */
    static final int LISTED = 25;

    private final StoreReads reads;

    public InventoryCards(JdbcTemplate jdbc) {
        this.reads = new StoreReads(jdbc);
    }

    /** A product as the breakdowns list it: Odoo id and name, and the SKU and GTIN other connectors join on. */
    private record Item(long id, String name, Long companyId, String sku, String gtin) {
        KpiCard.Breakdown part(BigDecimal qty) {
            return Cards.product(id, name, qty, sku, gtin);
        }
    }

    @Override
    public List<KpiCard> cards(KpiContext context) {
        String tenant = context.tenant();
        List<Item> products = new ArrayList<>();
        for (Map<String, Object> row : reads.rows(context, """
                SELECT source_id, name, company_id, internal_reference, barcode FROM canonical_product
                WHERE tenant = ? AND deleted_at IS NULL AND COALESCE(active, TRUE) AND stockable = TRUE
                ORDER BY source_id
                """, tenant)) {
            products.add(new Item(((Number) row.get("source_id")).longValue(), (String) row.get("name"),
                    KpiContext.id(row.get("company_id")), (String) row.get("internal_reference"),
                    (String) row.get("barcode")));
        }
        Map<Long, Map<Long, BigDecimal>> byCompany = new HashMap<>();
        Map<Long, BigDecimal> overall = new HashMap<>();
        Set<Long> companies = new TreeSet<>(context.companies().keySet());
        for (Map<String, Object> row : reads.rows(context, """
                SELECT company_id, product_id, SUM(on_hand) AS qty FROM canonical_stock_level
                WHERE tenant = ? AND deleted_at IS NULL AND location_id IN (""" + INTERNAL_LOCATIONS + """
                ) GROUP BY company_id, product_id
                """, tenant, tenant, tenant)) {
            Long company = KpiContext.id(row.get("company_id"));
            long product = ((Number) row.get("product_id")).longValue();
            BigDecimal qty = KpiContext.decimal(row.get("qty"));
            if (company != null) {
                companies.add(company);
            }
            byCompany.computeIfAbsent(company, c -> new HashMap<>()).merge(product, qty, BigDecimal::add);
            overall.merge(product, qty, BigDecimal::add);
        }
        Set<Long> moved = movedOut(reads, context);
        BigDecimal low = context.settings().lowStockThreshold();
        List<Object> storable = List.of(Explain.storable(Explain.odooMajor(reads, context, "canonical_product")));
        Map<String, Object> odoo = Explain.context(context);
        List<KpiCard> cards = new ArrayList<>();
        cards.add(card("out-of-stock", context, products, companies, byCompany, overall, q -> q.signum() <= 0)
                .withHow(OdooQuery.searchCount("product.product", Explain.and(storable,
                        Explain.leaf("qty_available", "<=", 0)), odoo)));
        cards.add(card("low-stock", context, products, companies, byCompany, overall,
                q -> q.signum() > 0 && q.compareTo(low) < 0).withHow(OdooQuery.searchCount("product.product",
                Explain.and(storable, Explain.leaf("qty_available", ">", 0), Explain.leaf("qty_available", "<", low)),
                odoo)));
        cards.add(card("negative-stock", context, products, companies, byCompany, overall, q -> q.signum() < 0)
                .withHow(OdooQuery.searchCount("product.product", Explain.and(storable,
                        Explain.leaf("qty_available", "<", 0)), odoo)));
        List<KpiCard.Breakdown> slow = new ArrayList<>();
        long slowCount = 0;
        for (Item p : products) {
            BigDecimal qty = overall.getOrDefault(p.id, BigDecimal.ZERO);
            if (qty.signum() > 0 && !moved.contains(p.id)) {
                slowCount++;
                if (slow.size() < LISTED) {
                    slow.add(p.part(qty));
                }
            }
        }
        cards.add(Cards.at("slow-movers", "now", context, null, Cards.count(slowCount), slow).withHow(
                new OdooQuery("product.product", "search", Explain.and(storable, Explain.leaf("qty_available", ">",
                        0)), null, null, null, odoo, null, null).computed("the products this search finds that have"
                        + " no row in the stock.move read_group (done moves out of internal locations)",
                        movedOutQuery(context))));
        return cards;
    }

    /**
     * The products that left the merchant's own locations (a done move out of an internal location) in the
     * {@code kpi.slow-mover-days} before the as-of time: the others, on hand, are slow movers.
     *
     * <p>Read in two parts, so that an idle tick reads only today's moves: a product moved in {@code [since, asOf)}
     * when its last move before today's midnight is at or after {@code since} (whole days, whose bounds move once a
     * day: kept while the store is unchanged), or it moved today before the as-of time.
     */
    static Set<Long> movedOut(StoreReads reads, KpiContext context) {
        Instant since = slowSince(context);
        ZonedDateTime asOf = context.asOf().atZone(context.zone());
        Instant midnight = asOf.toLocalDate().atStartOfDay(context.zone()).toInstant();
        Instant firstDay = asOf.toLocalDate().minusDays(context.settings().slowMoverDays())
                .atStartOfDay(context.zone()).toInstant();
        Set<Long> moved = new HashSet<>();
        for (Map<String, Object> row : reads.rows(context, MOVED_OUT.formatted("product_id, MAX(moved_at) AS last",
                "GROUP BY product_id"), context.tenant(), KpiContext.utc(firstDay), KpiContext.utc(midnight))) {
            if (!KpiContext.instant(row.get("last")).isBefore(since)) {
                moved.add(KpiContext.id(row.get("product_id")));
            }
        }
        for (Map<String, Object> row : reads.rows(context, MOVED_OUT.formatted("DISTINCT product_id", ""),
                context.tenant(), KpiContext.utc(midnight), KpiContext.utc(context.asOf()))) {
            moved.add(KpiContext.id(row.get("product_id")));
        }
        return moved;
    }

    private static final String MOVED_OUT = """
            SELECT %s FROM canonical_stock_move
            WHERE tenant = ? AND status = 'DONE' AND deleted_at IS NULL AND from_kind = 'INTERNAL'
              AND (to_kind IS NULL OR to_kind <> 'INTERNAL') AND moved_at >= ? AND moved_at < ? %s
            """;

    /** {@link #movedOut} as Odoo gives it: a product per row. */
    static OdooQuery movedOutQuery(KpiContext context) {
        return OdooQuery.readGroup("stock.move", Explain.domain(Explain.leaf("state", "=", "done"),
                Explain.leaf("location_id.usage", "=", "internal"),
                Explain.leaf("location_dest_id.usage", "!=", "internal"), Explain.leaf("date", ">=",
                        Explain.datetime(slowSince(context))), Explain.leaf("date", "<",
                        Explain.datetime(context.asOf()))), List.of(), List.of("product_id"), Explain.context(context));
    }

    private static Instant slowSince(KpiContext context) {
        return context.asOf().atZone(context.zone()).minusDays(context.settings().slowMoverDays()).toInstant();
    }

    private static KpiCard card(String id, KpiContext context, List<Item> products, Set<Long> companies,
                                Map<Long, Map<Long, BigDecimal>> byCompany, Map<Long, BigDecimal> overall,
                                Predicate<BigDecimal> matches) {
        List<KpiCard.Breakdown> parts = new ArrayList<>();
        for (Long company : companies) {
            Map<Long, BigDecimal> stock = byCompany.getOrDefault(company, Map.of());
            long n = products.stream()
                    .filter(p -> p.companyId == null || p.companyId.equals(company))
                    .filter(p -> matches.test(stock.getOrDefault(p.id, BigDecimal.ZERO)))
                    .count();
            parts.add(Cards.part("company", context.companyName(company, "company " + company), Cards.count(n), n));
        }
        long n = 0;
        for (Item p : products) {
            BigDecimal qty = overall.getOrDefault(p.id, BigDecimal.ZERO);
            if (matches.test(qty)) {
                n++;
                if (n <= LISTED) {
                    parts.add(p.part(qty));
                }
            }
        }
        return Cards.at(id, "now", context, null, Cards.count(n), parts);
    }

    @Override
    public CardFamily forSeries() {
        return null;
    }
}
