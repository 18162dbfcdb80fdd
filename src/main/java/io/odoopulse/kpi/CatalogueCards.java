package io.odoopulse.kpi;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Active products missing an image, a sales description, an internal reference or a price; the breakdowns give the
 * same among products that can be sold and the number of active products.
 */
public class CatalogueCards implements CardFamily {

    private final JdbcTemplate jdbc;

    public CatalogueCards(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<KpiCard> cards(KpiContext context) {
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT COUNT(*) AS total,
                  SUM(CASE WHEN saleable = TRUE THEN 1 ELSE 0 END) AS saleable,
                  SUM(CASE WHEN has_image = TRUE THEN 0 ELSE 1 END) AS image,
                  SUM(CASE WHEN has_image = TRUE OR saleable IS NOT TRUE THEN 0 ELSE 1 END) AS image_s,
                  SUM(CASE WHEN has_description = TRUE THEN 0 ELSE 1 END) AS description,
                  SUM(CASE WHEN has_description = TRUE OR saleable IS NOT TRUE THEN 0 ELSE 1 END) AS description_s,
                  SUM(CASE WHEN internal_reference IS NULL OR internal_reference = '' THEN 1 ELSE 0 END) AS reference,
                  SUM(CASE WHEN (internal_reference IS NULL OR internal_reference = '') AND saleable = TRUE
                      THEN 1 ELSE 0 END) AS reference_s,
                  SUM(CASE WHEN price IS NULL OR price = 0 THEN 1 ELSE 0 END) AS price,
                  SUM(CASE WHEN (price IS NULL OR price = 0) AND saleable = TRUE THEN 1 ELSE 0 END) AS price_s
                FROM canonical_product WHERE tenant = ? AND deleted_at IS NULL AND COALESCE(active, TRUE)
                """, context.tenant());
        long total = number(row, "total");
        long saleable = number(row, "saleable");
        Map<String, Object> odoo = Explain.context(context);
        return List.of(
                card("catalogue-missing-image", "image", row, total, saleable, context).withHow(missing(
                        Explain.leaf("product_tmpl_id.image_1920", "=", false), odoo)),
                card("catalogue-missing-description", "description", row, total, saleable, context).withHow(
                        missing(Explain.leaf("description_sale", "=", false), odoo)),
                card("catalogue-missing-reference", "reference", row, total, saleable, context).withHow(missing(
                        Explain.leaf("default_code", "=", false), odoo)),
                card("catalogue-missing-price", "price", row, total, saleable, context).withHow(missing(
                        Explain.leaf("list_price", "=", 0), odoo)));
    }

    /** Active products lacking a field: search_count leaves out archived products by itself. */
    private static OdooQuery missing(List<Object> leaf, Map<String, Object> odoo) {
        return OdooQuery.searchCount("product.product", List.of(leaf), odoo);
    }

    private static KpiCard card(String id, String column, Map<String, Object> row, long total, long saleable,
                                KpiContext context) {
        long missing = number(row, column);
        long missingSaleable = number(row, column + "_s");
        return Cards.at(id, "now", context, null, Cards.count(missing), List.of(
                Cards.part("scope", "active", "active products", Cards.count(missing), total),
                Cards.part("scope", "saleable", "active products that can be sold", Cards.count(missingSaleable),
                        saleable)));
    }

    private static long number(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? 0 : ((Number) value).longValue();
    }

    @Override
    public CardFamily forSeries() {
        return null;
    }
}
