package io.odoopulse.demo.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Non-stored computed fields connectors read, derived from the stored data the way Odoo computes them:
 * stock quantities per company context, currency rates relative to the current company, invoice links.
 */
final class Computed {

    private Computed() {}

    /** The computed value, or null when this simulator does not compute that field. */
    static Object value(Orm orm, Env env, Table t, Object[] row, String field) {
        OdooDatabase db = orm.db;
        if ("__last_update".equals(field) && t.meta.has(field)) {
            // 16's magic field on every model: the last write, else the creation
            Object written = t.hasColumn("write_date") ? t.output(row, t.columnIndex("write_date")) : Boolean.FALSE;
            return Py.truthy(written) ? written
                    : t.hasColumn("create_date") ? t.output(row, t.columnIndex("create_date")) : Boolean.FALSE;
        }
        switch (t.model + "." + field) {
            case "product.product.display_name": {
                Table tmpl = db.table("product.template");
                List<Integer> tid = Domain.ids(t.raw(row, "product_tmpl_id"));
                Object[] tr = tmpl == null || tid.isEmpty() ? null : tmpl.row(tid.get(0));
                String name = tr != null ? String.valueOf(tmpl.raw(tr, "name")) : String.valueOf(Domain.ids(t.raw(row, "product_tmpl_id")));
                Object code = t.raw(row, "default_code");
                return code instanceof String c && !c.isEmpty() ? "[" + c + "] " + name : name;
            }
            case "product.product.qty_available", "product.product.free_qty", "product.product.virtual_available",
                    "product.product.incoming_qty", "product.product.outgoing_qty":
                return stock(db, env, Set.of(Table.id(row)), field.substring(0, field.length()));
            case "product.template.qty_available", "product.template.virtual_available", "product.template.incoming_qty",
                    "product.template.outgoing_qty": {
                Set<Integer> variants = new HashSet<>(Domain.ids(t.raw(row, "product_variant_ids")));
                return stock(db, env, variants, field);
            }
            case "stock.quant.value": {
                // Odoo values stock in the merchant's own locations only: quantity times the unit value.
                List<Integer> location = Domain.ids(t.raw(row, "location_id"));
                List<Integer> product = Domain.ids(t.raw(row, "product_id"));
                List<Integer> company = Domain.ids(t.raw(row, "company_id"));
                double quantity = num(t.raw(row, "quantity"));
                if (location.isEmpty() || product.isEmpty() || company.isEmpty() || quantity == 0
                        || !internalLocations(db).contains(location.get(0))) {
                    return 0.0;
                }
                return quantity * db.unitValue(product.get(0), company.get(0));
            }
            case "stock.quant.available_quantity": {
                double q = num(t.raw(row, "quantity"));
                double r = num(t.raw(row, "reserved_quantity"));
                return q - r;
            }
            case "res.currency.rate", "res.currency.inverse_rate", "res.currency.date", "res.currency.rate_ids":
                return currency(db, env, t, row, field);
            case "res.currency.rate.company_rate", "res.currency.rate.inverse_company_rate": {
                // stored rates are per base unit; company_rate divides by the company currency's latest rate
                double rate = num(t.raw(row, "rate"));
                List<Integer> own = Domain.ids(t.raw(row, "company_id"));
                int company = !own.isEmpty() ? own.get(0) : currentCompany(env);
                double cr = rate / latestCompanyCurrencyRate(db, company);
                return field.equals("company_rate") ? cr : 1.0 / cr;
            }
            case "sale.order.invoice_ids", "sale.order.invoice_count": {
                List<Integer> moves = invoices(db, t, row);
                return field.equals("invoice_ids") ? moves : moves.size();
            }
            default:
                return null;
        }
    }

    private static double num(Object v) {
        return v instanceof Number n ? n.doubleValue() : 0.0;
    }

    private static Set<Integer> internalLocations(OdooDatabase db) {
        Set<Integer> out = new HashSet<>();
        Table loc = db.table("stock.location");
        if (loc != null) for (Object[] r : loc.rows()) if ("internal".equals(loc.raw(r, "usage"))) out.add(Table.id(r));
        return out;
    }

    private static boolean companyAllowed(Table t, Object[] row, Set<Integer> companies) {
        List<Integer> c = Domain.ids(t.raw(row, "company_id"));
        return c.isEmpty() || companies.contains(c.get(0));
    }

    /** Quant-based on-hand plus pending moves, over the internal locations of the context's companies. */
    private static Object stock(OdooDatabase db, Env env, Set<Integer> products, String field) {
        Set<Integer> internal = internalLocations(db);
        Set<Integer> companies = new HashSet<>(env.allowedCompanies());
        double onHand = 0;
        double reserved = 0;
        Table quants = db.table("stock.quant");
        if (quants != null) {
            for (Object[] q : quants.rows()) {
                List<Integer> p = Domain.ids(quants.raw(q, "product_id"));
                List<Integer> l = Domain.ids(quants.raw(q, "location_id"));
                if (p.isEmpty() || !products.contains(p.get(0)) || l.isEmpty() || !internal.contains(l.get(0))) continue;
                if (!companyAllowed(quants, q, companies)) continue;
                onHand += num(quants.raw(q, "quantity"));
                reserved += num(quants.raw(q, "reserved_quantity"));
            }
        }
        double incoming = 0;
        double outgoing = 0;
        Table moves = db.table("stock.move");
        if (moves != null && !field.endsWith("qty_available") && !field.endsWith("free_qty")) {
            for (Object[] m : moves.rows()) {
                Object state = moves.raw(m, "state");
                if (!"waiting".equals(state) && !"confirmed".equals(state) && !"assigned".equals(state)
                        && !"partially_available".equals(state)) continue;
                List<Integer> p = Domain.ids(moves.raw(m, "product_id"));
                if (p.isEmpty() || !products.contains(p.get(0)) || !companyAllowed(moves, m, companies)) continue;
                List<Integer> from = Domain.ids(moves.raw(m, "location_id"));
                List<Integer> to = Domain.ids(moves.raw(m, "location_dest_id"));
                boolean fromIn = !from.isEmpty() && internal.contains(from.get(0));
                boolean toIn = !to.isEmpty() && internal.contains(to.get(0));
                double qty = num(moves.raw(m, "product_qty"));
                if (qty == 0) qty = num(moves.raw(m, "product_uom_qty"));
                if (fromIn && !toIn) outgoing += qty;
                if (toIn && !fromIn) incoming += qty;
            }
        }
        if (field.endsWith("qty_available")) return onHand;
        if (field.endsWith("free_qty")) return onHand - reserved;
        if (field.endsWith("incoming_qty")) return incoming;
        if (field.endsWith("outgoing_qty")) return outgoing;
        return onHand + incoming - outgoing;
    }

    private static int currentCompany(Env env) {
        return env.company();
    }

    /** Rates of one currency for the company (or company-less), newest first. */
    private static List<Object[]> ratesOf(OdooDatabase db, int currency, int company) {
        Table rates = db.table("res.currency.rate");
        List<Object[]> mine = new ArrayList<>();
        if (rates != null) {
            for (Object[] r : rates.rows()) {
                List<Integer> c = Domain.ids(rates.raw(r, "currency_id"));
                List<Integer> co = Domain.ids(rates.raw(r, "company_id"));
                if (!c.isEmpty() && c.get(0) == currency && (co.isEmpty() || co.get(0) == company)) mine.add(r);
            }
            mine.sort(Comparator.comparing((Object[] r) -> String.valueOf(rates.raw(r, "name"))).reversed()
                    .thenComparing(Comparator.comparingInt(Table::id).reversed()));
        }
        return mine;
    }

    /** The rate in force today: the newest one dated today or before (the newest at all when every one is later). */
    private static Object[] rateInForce(OdooDatabase db, List<Object[]> newestFirst) {
        Table rates = db.table("res.currency.rate");
        String today = Times.format(Times.micros(java.time.Instant.now())).substring(0, 10);
        Object[] current = null;
        for (Object[] r : newestFirst) {
            if (String.valueOf(rates.raw(r, "name")).compareTo(today) <= 0 || current == null) {
                current = r;
                if (String.valueOf(rates.raw(r, "name")).compareTo(today) <= 0) break;
            }
        }
        return current;
    }

    private static int companyCurrency(OdooDatabase db, int company) {
        Table companies = db.table("res.company");
        Object[] c = companies == null ? null : companies.row(company);
        List<Integer> cur = c == null ? List.of() : Domain.ids(companies.raw(c, "currency_id"));
        return cur.isEmpty() ? -1 : cur.get(0);
    }

    /** _get_last_rates_for_companies: the company currency's newest rate, whatever its date; 1 without any. */
    private static double latestCompanyCurrencyRate(OdooDatabase db, int company) {
        Table rates = db.table("res.currency.rate");
        for (Object[] r : ratesOf(db, companyCurrency(db, company), company)) {
            double v = num(rates.raw(r, "rate"));
            if (v != 0) return v;
        }
        return 1.0;
    }

    /**
     * res.currency.rate/inverse_rate/date/rate_ids for the current company: Odoo divides the currency's rate in
     * force by the company currency's, so a company whose own currency carries rates (16's demo USD) sees others
     * relative to it.
     */
    private static Object currency(OdooDatabase db, Env env, Table t, Object[] row, String field) {
        Table rates = db.table("res.currency.rate");
        int company = currentCompany(env);
        List<Object[]> mine = ratesOf(db, Table.id(row), company);
        if ("rate_ids".equals(field)) {
            List<Integer> ids = new ArrayList<>();
            for (Object[] r : mine) ids.add(Table.id(r));
            return ids;
        }
        Object[] current = rateInForce(db, mine);
        double own = current == null ? 1.0 : num(rates.raw(current, "rate"));
        int companyCurrency = companyCurrency(db, company);
        Object[] base = companyCurrency < 0 ? null : rateInForce(db, ratesOf(db, companyCurrency, company));
        double rate = own / (base == null ? 1.0 : num(rates.raw(base, "rate")));
        return switch (field) {
            case "rate" -> rate;
            case "inverse_rate" -> 1.0 / rate;
            default -> current == null ? false : rates.raw(current, "name");
        };
    }

    /** Invoices whose lines point at the order's lines (sale_line_ids), ids descending like the ORM's _order. */
    private static List<Integer> invoices(OdooDatabase db, Table t, Object[] row) {
        Set<Integer> lines = new HashSet<>(Domain.ids(t.raw(row, "order_line")));
        Table aml = db.table("account.move.line");
        Set<Integer> moves = new HashSet<>();
        if (aml != null && !lines.isEmpty()) {
            for (Object[] l : aml.rows()) {
                for (int sl : Domain.ids(aml.raw(l, "sale_line_ids"))) {
                    if (lines.contains(sl)) {
                        List<Integer> m = Domain.ids(aml.raw(l, "move_id"));
                        if (!m.isEmpty()) moves.add(m.get(0));
                    }
                }
            }
        }
        List<Integer> out = new ArrayList<>(moves);
        out.sort(Comparator.reverseOrder());
        return out;
    }
}
