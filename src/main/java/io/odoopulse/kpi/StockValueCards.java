package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.odoopulse.tenant.KpiSettings;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stock weighed by its value at cost, per company currency, at the as-of time (docs/kpis.md): the inventory value,
 * and the audit check "slow-moving stock value share", the part of it held in products that have not left the
 * merchant's own locations for {@code kpi.slow-mover-days} (the slow movers of the inventory cards). The value is
 * Odoo's own valuation of each quant in an internal location ({@code stock.quant.value}, pulled with the quant);
 * a change of cost does not touch the quant, so the inventory value's {@code how} is a single read_group that the
 * parity audit compares and, on drift, reads the quants again.
 */
public class StockValueCards implements CardFamily {

    private final StoreReads reads;

    public StockValueCards(JdbcTemplate jdbc) {
        this.reads = new StoreReads(jdbc);
    }

    @Override
    public List<CardDefinition> definitions() {
        return List.of(
                new CardDefinition("stock-value", "Inventory value at cost", "audit-stock-value", "currency",
                        KpiCard.Tier.NON_HERO, CardDefinition.Polarity.LOWER_IS_BETTER, false, null),
                new CardDefinition("audit-slow-moving-stock-value", "Slow-moving share of inventory value",
                        "audit-stock-value", "ratio", KpiCard.Tier.NON_HERO, CardDefinition.Polarity.LOWER_IS_BETTER,
                        false, new KpiSettings.Threshold(new BigDecimal("0.10"), new BigDecimal("0.25"))));
    }

    @Override
    public CardFamily forSeries() {
        // State at the as-of time: nothing to draw per day.
        return null;
    }

    /** One product's stock value in one currency. */
    private record Held(long id, String name, String sku, String gtin, BigDecimal value) {}

    @Override
    public List<KpiCard> cards(KpiContext context) {
        String tenant = context.tenant();
        Map<String, Map<Long, BigDecimal>> byCompany = new TreeMap<>();
        Map<String, Map<Long, Held>> byProduct = new TreeMap<>();
        for (Map<String, Object> row : reads.rows(context, """
                SELECT q.company_id, q.product_id, COALESCE(p.name, MAX(q.product)) AS name, p.internal_reference,
                       p.barcode, SUM(q.stock_value) AS stock_value
                FROM canonical_stock_level q
                LEFT JOIN canonical_product p ON p.tenant = q.tenant AND p.source_id = q.product_id
                WHERE q.tenant = ? AND q.deleted_at IS NULL AND q.stock_value IS NOT NULL AND q.location_id IN (
                """ + InventoryCards.INTERNAL_LOCATIONS + """
                ) GROUP BY q.company_id, q.product_id, p.name, p.internal_reference, p.barcode
                """, tenant, tenant, tenant)) {
            Long company = KpiContext.id(row.get("company_id"));
            String currency = context.companyCurrency(company);
            BigDecimal value = row.get("stock_value") == null ? null : KpiContext.decimal(row.get("stock_value"));
            if (currency == null || value == null) {
                continue;
            }
            byCompany.computeIfAbsent(currency, c -> new TreeMap<>()).merge(company, value, BigDecimal::add);
            long product = ((Number) row.get("product_id")).longValue();
            byProduct.computeIfAbsent(currency, c -> new HashMap<>()).merge(product, new Held(product,
                    (String) row.get("name"), (String) row.get("internal_reference"), (String) row.get("barcode"),
                    value),
                    (a, b) -> new Held(a.id, a.name, a.sku, a.gtin, a.value.add(b.value)));
        }
        Set<Long> moved = InventoryCards.movedOut(reads, context);
        int major = Explain.odooMajor(reads, context, "canonical_stock_level");
        boolean bare = major > 0 && major <= 16;
        List<KpiCard> cards = new ArrayList<>();
        for (String currency : byCompany.keySet()) {
            // Odoo 16 sums the computed value for fields=['value'] only; 17 also takes 'value:sum', 18 and 19 only it.
            OdooQuery valued = OdooQuery.readGroup("stock.quant", Explain.domain(
                    Explain.leaf("location_id.usage", "=", "internal"),
                    Explain.leaf("company_id.currency_id.name", "=", currency)),
                    List.of(bare ? "value" : "value:sum"), List.of("company_id"), Explain.context(context));
            BigDecimal total = BigDecimal.ZERO;
            List<KpiCard.Breakdown> companies = new ArrayList<>();
            for (Map.Entry<Long, BigDecimal> company : byCompany.get(currency).entrySet()) {
                total = total.add(company.getValue());
                companies.add(Cards.part("company", context.companyName(company.getKey(), "company "
                        + company.getKey()), Cards.money(company.getValue()), null));
            }
            cards.add(Cards.at("stock-value", "now", context, currency, Cards.money(total), companies)
                    .withHow(valued));

            List<Held> slow = byProduct.get(currency).values().stream()
                    .filter(h -> !moved.contains(h.id) && h.value.signum() != 0)
                    .sorted((a, b) -> b.value.compareTo(a.value) != 0 ? b.value.compareTo(a.value)
                            : Long.compare(a.id, b.id))
                    .toList();
            BigDecimal slowValue = slow.stream().map(Held::value).reduce(BigDecimal.ZERO, BigDecimal::add);
            List<KpiCard.Breakdown> parts = new ArrayList<>();
            parts.add(Cards.part("value", "slow-moving", Cards.money(slowValue), (long) slow.size()));
            parts.add(Cards.part("value", "total", Cards.money(total), null));
            slow.stream().limit(AuditCheckCards.LISTED).forEach(h -> parts.add(Cards.product(h.id, h.name,
                    Cards.money(h.value), h.sku, h.gtin)));
            OdooQuery perProduct = OdooQuery.readGroup("stock.quant", valued.domain(), valued.fields(),
                    List.of("product_id"), Explain.context(context));
            cards.add(Cards.at("audit-slow-moving-stock-value", "now", context, currency,
                    Cards.ratio(slowValue, total), parts).withHow(perProduct.computed("the summed value of the rows"
                    + " whose product has no row in the stock.move read_group (done moves out of internal locations"
                    + " in the last kpi.slow-mover-days) over the summed value of every row, four decimals"
                    + " half-even", InventoryCards.movedOutQuery(context))));
        }
        return cards;
    }
}
