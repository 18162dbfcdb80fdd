package io.odoopulse.kpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit checks on what the web shop shows (docs/kpis.md, "Audit checks"; app website_sale): published products
 * that are out of stock, and published products with a catalogue gap (no image, sales description, internal
 * reference or price). Each card counts the products and lists them, worst first, with SKU and GTIN.
 */
public class WebsiteAuditCards implements CardFamily {

    /** The gaps, in the order a product's label names them. */
    private static final List<String> GAPS = List.of("image", "description", "reference", "price");

    private final StoreReads reads;

    public WebsiteAuditCards(JdbcTemplate jdbc) {
        this.reads = new StoreReads(jdbc);
    }

    @Override
    public List<CardDefinition> definitions() {
        return List.of(
                CardDefinition.auditCheck("audit-published-out-of-stock", "Published products out of stock",
                        "audit-website-stock"),
                CardDefinition.auditCheck("audit-published-catalogue-gaps", "Published products with catalogue gaps",
                        "audit-website"));
    }

    @Override
    public CardFamily forSeries() {
        return null;
    }

    @Override
    public List<KpiCard> cards(KpiContext context) {
        String tenant = context.tenant();
        Map<String, Object> odoo = Explain.context(context);
        List<Object> published = Explain.leaf("is_published", "=", true);

        // On hand as Odoo's qty_available without a location: every internal location of every company.
        List<KpiCard.Breakdown> outOfStock = new ArrayList<>();
        long[] out = {0};
        for (Map<String, Object> row : reads.rows(context, """
                SELECT p.source_id, p.name, p.internal_reference, p.barcode, COALESCE(q.qty, 0) AS qty
                FROM canonical_product p LEFT JOIN (
                    SELECT product_id, SUM(on_hand) AS qty FROM canonical_stock_level
                    WHERE tenant = ? AND deleted_at IS NULL AND location_id IN (""" + InventoryCards.INTERNAL_LOCATIONS
                + """
                    ) GROUP BY product_id) q ON q.product_id = p.source_id
                WHERE p.tenant = ? AND p.deleted_at IS NULL AND COALESCE(p.active, TRUE) AND p.stockable = TRUE
                  AND p.published = TRUE AND COALESCE(q.qty, 0) <= 0
                ORDER BY qty, p.source_id
                """, tenant, tenant, tenant, tenant)) {
            if (out[0]++ < AuditCheckCards.LISTED) {
                outOfStock.add(Cards.product(((Number) row.get("source_id")).longValue(), (String) row.get("name"),
                        KpiContext.decimal(row.get("qty")), (String) row.get("internal_reference"),
                        (String) row.get("barcode")));
            }
        }
        List<Object> storable = Explain.storable(Explain.odooMajor(reads, context, "canonical_product"));
        KpiCard outCard = Cards.at("audit-published-out-of-stock", "now", context, null, Cards.count(out[0]),
                outOfStock).withHow(OdooQuery.searchCount("product.product", Explain.domain(published, storable,
                Explain.leaf("qty_available", "<=", 0)), odoo));

        Map<String, Long> perGap = new TreeMap<>();
        List<KpiCard.Breakdown> gapped = new ArrayList<>();
        long[] gaps = {0};
        for (Map<String, Object> row : reads.rows(context, """
                SELECT source_id, name, internal_reference, barcode,
                  has_image IS NOT TRUE AS image, has_description IS NOT TRUE AS description,
                  COALESCE(internal_reference, '') = '' AS reference, COALESCE(price, 0) = 0 AS price
                FROM canonical_product
                WHERE tenant = ? AND deleted_at IS NULL AND COALESCE(active, TRUE) AND published = TRUE
                  AND (has_image IS NOT TRUE OR has_description IS NOT TRUE OR COALESCE(internal_reference, '') = ''
                       OR COALESCE(price, 0) = 0)
                ORDER BY source_id
                """, tenant)) {
            gaps[0]++;
            List<String> missing = new ArrayList<>();
            for (String gap : GAPS) {
                if (Boolean.TRUE.equals(row.get(gap))) {
                    missing.add(gap);
                    perGap.merge(gap, 1L, Long::sum);
                }
            }
            if (gapped.size() < AuditCheckCards.LISTED) {
                gapped.add(Cards.product(((Number) row.get("source_id")).longValue(), row.get("name") + " (no "
                        + String.join(", no ", missing) + ")", Cards.count(missing.size()),
                        (String) row.get("internal_reference"), (String) row.get("barcode")));
            }
        }
        List<KpiCard.Breakdown> parts = new ArrayList<>();
        for (String gap : GAPS) {
            long n = perGap.getOrDefault(gap, 0L);
            parts.add(Cards.part("gap", gap, Cards.count(n), n));
        }
        parts.addAll(gapped);
        // Any of the four gaps: Odoo's prefix notation, three ORs before the four leaves.
        KpiCard gapCard = Cards.at("audit-published-catalogue-gaps", "now", context, null, Cards.count(gaps[0]),
                parts).withHow(OdooQuery.searchCount("product.product", Explain.domain(published, "|", "|", "|",
                Explain.leaf("product_tmpl_id.image_1920", "=", false), Explain.leaf("description_sale", "=", false),
                Explain.leaf("default_code", "=", false), Explain.leaf("list_price", "=", 0)), odoo));
        return List.of(outCard, gapCard);
    }
}
