package io.odoopulse.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;


/** The pieces of the Odoo calls the cards carry in {@code how} (docs/kpis.md, "Explain this number"). */
final class Explain {

    static final List<Object> CONFIRMED = leaf("state", "in", List.of("sale", "done"));
    static final List<Object> POSTED = leaf("state", "=", "posted");
    static final List<Object> OUT_INVOICE = leaf("move_type", "=", "out_invoice");

    private static final DateTimeFormatter ODOO_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Explain() {
    }

    static List<Object> leaf(String field, String operator, Object value) {
        return List.of(field, operator, value);
    }

    static List<Object> domain(Object... leaves) {
        return List.of(leaves);
    }

    static List<Object> and(List<Object> domain, Object... more) {
        List<Object> all = new ArrayList<>(domain);
        all.addAll(Arrays.asList(more));
        return all;
    }

    /** A datetime field's bound as Odoo reads it: UTC, {@code YYYY-MM-DD HH:MM:SS}. */
    static String datetime(Instant instant) {
        return ODOO_DATETIME.format(instant);
    }

    /** A date field's bound: the tenant-local date. */
    static String date(LocalDate day) {
        return day.toString();
    }

    /** {@code date_order} in {@code [start, end)}. */
    static List<Object> ordered(Instant start, Instant end) {
        return domain(leaf("date_order", ">=", datetime(start)), leaf("date_order", "<", datetime(end)));
    }

    /** A date field in {@code [startDay, endDay)}. */
    static List<Object> dated(String field, KpiWindow w) {
        return domain(leaf(field, ">=", date(w.startDay())), leaf(field, "<", date(w.endDay())));
    }

    static List<Object> currency(String currency) {
        return leaf("currency_id.name", "=", currency);
    }

    /** Every company the cards cover, as Odoo's company switcher would select them. */
    static Map<String, Object> context(KpiContext context) {
        // Without companies in the store, Odoo's default (the user's companies) is the closest.
        return context.companies().isEmpty() ? Map.of()
                : Map.of("allowed_company_ids", new TreeSet<>(context.companies().keySet()).stream()
                        .map(Long::intValue).toList());
    }

    /** With a UTC time zone: read_group buckets datetimes by day in the context's tz. */
    static Map<String, Object> utcContext(KpiContext context) {
        Map<String, Object> c = new LinkedHashMap<>(context(context));
        c.put("tz", "UTC");
        return c;
    }

    /** Odoo's rates, which the {@code -total} cards convert with. */
    static OdooQuery rates(KpiContext context) {
        return new OdooQuery("res.currency.rate", "search_read", List.of(),
                List.of("name", "currency_id", "company_id", "rate"), null, null, context(context), null, null);
    }

    static String converted(KpiContext context, String dateField) {
        return "each row's sum converted to " + context.reportingCurrency() + " with its company's res.currency.rate"
                + " of the row's " + dateField + " day (the latest rate not after it), summed, rounded once to the cent";
    }

    /**
     * The Odoo major version the tenant's records of a table were read from (source_version), 0 when unknown: a few
     * fields differ between versions (storable products, payment states).
     */
    static int odooMajor(StoreReads reads, KpiContext context, String table) {
        Object version = reads.rows(context, "SELECT MAX(source_version) AS v FROM " + table + " WHERE tenant = ?",
                context.tenant()).get(0).get("v");
        if (version == null) {
            return 0;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)").matcher(version.toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Stock-tracked products: {@code detailed_type = 'product'} up to 17, {@code is_storable} from 18. */
    static List<Object> storable(int major) {
        return major >= 18 ? leaf("is_storable", "=", true) : leaf("detailed_type", "=", "product");
    }
}
