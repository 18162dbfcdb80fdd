package io.odoopulse.demo.simulator;

import java.util.Map;

/**
 * Non-stored related fields the exports leave out, resolved through the relation Odoo itself follows
 * (a product variant's name is its template's name, a payment's name is its journal entry's ...).
 */
final class Related {

    private static final Map<String, String> EXPLICIT = Map.ofEntries(
            Map.entry("account.payment.name", "move_id.name"),
            Map.entry("account.payment.date", "move_id.date"),
            Map.entry("account.payment.state", "move_id.state"),
            Map.entry("account.payment.journal_id", "move_id.journal_id"),
            Map.entry("account.payment.company_id", "move_id.company_id"),
            Map.entry("res.company.country_id", "partner_id.country_id"),
            Map.entry("res.company.city", "partner_id.city"),
            Map.entry("res.company.vat", "partner_id.vat"),
            Map.entry("product.product.lst_price", "product_tmpl_id.list_price"),
            Map.entry("stock.move.location_usage", "location_id.usage"),
            Map.entry("stock.move.location_dest_usage", "location_dest_id.usage"));

    private Related() {}

    /** "relation.field" to read/search instead of {@code field}, or null when the field is stored here. */
    static String path(OdooDatabase db, Table t, String field) {
        if (t.hasColumn(field) || "id".equals(field)) return null;
        String explicit = EXPLICIT.get(t.model + "." + field);
        if (explicit != null) return explicit;
        if ("product.product".equals(t.model) && !field.startsWith("image_") && !"display_name".equals(field)) {
            Table tmpl = db.table("product.template");
            if (tmpl != null && tmpl.hasColumn(field) && t.hasColumn("product_tmpl_id")) return "product_tmpl_id." + field;
        }
        return null;
    }
}
