package io.odoopulse.kpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.camel.Body;

/**
 * Takes out of a snapshot the card sections whose Odoo app the merchant has not installed (found at connect), or
 * whose field the pull does not read (the tenant's mapping leaves it out, or the integration user may not read it),
 * and lists them as unavailable: a shop without Inventory has no stock-outs to report, not zero of them.
 */
public class CardAvailability {

    /** Card section and the Odoo app that feeds it. */
    static final Map<String, String> APP_OF_SECTION = Map.ofEntries(
            Map.entry("sales", "sale"),
            Map.entry("customers", "sale"),
            Map.entry("catalogue", "sale"),
            Map.entry("refunds", "account"),
            Map.entry("finance", "account"),
            Map.entry("inventory", "stock"),
            Map.entry("channel-website", "website_sale"),
            Map.entry("channel-pos", "point_of_sale"),
            Map.entry("channel-other-sales", "sale"),
            Map.entry("utm", "sale"),
            Map.entry("audit-stock", "stock"),
            Map.entry("audit-reorder", "stock"),
            Map.entry("audit-reorder-trend", "stock"),
            Map.entry("audit-finance", "account"),
            Map.entry("audit-sales", "sale"),
            Map.entry("audit-website", "website_sale"),
            Map.entry("audit-website-stock", "website_sale"),
            Map.entry("audit-closing", "account"),
            Map.entry("audit-stock-value", "stock"));

    /** Card section and the canonical fields, as {@code odoo model} and field, without which it would count zero. */
    static final Map<String, List<String[]>> FIELDS_OF_SECTION = Map.of(
            "audit-sales", List.<String[]>of(new String[] {"sale.order", "invoiceStatus"}),
            "audit-closing", List.<String[]>of(new String[] {"account.move", "accountingDate"}),
            "audit-website", List.<String[]>of(new String[] {"product.product", "published"}),
            "audit-website-stock", List.<String[]>of(new String[] {"product.product", "published"}),
            "audit-stock-value", List.<String[]>of(new String[] {"stock.quant", "stockValue"}));

    /** Why a tenant's pull does not read a canonical field of an Odoo model; null when it does. */
    public interface Unread {
        String why(String tenant, String model, String canonicalField);
    }

    private final Function<String, Map<String, Boolean>> installedApps;
    private final Unread unread;

    /**
     * @param installedApps per tenant id, which apps its Odoo has (read at connect)
     * @param unread what the tenant's pull leaves unread, with its mapping and this Odoo's fields
     */
    public CardAvailability(Function<String, Map<String, Boolean>> installedApps, Unread unread) {
        this.installedApps = installedApps;
        this.unread = unread;
    }

    public KpiSnapshot apply(@Body KpiSnapshot snapshot) {
        Map<String, Boolean> apps = installedApps.apply(snapshot.tenant());
        List<KpiSnapshot.Unavailable> unavailable = new ArrayList<>();
        APP_OF_SECTION.forEach((section, app) -> {
            if (!apps.getOrDefault(app, false)) {
                unavailable.add(new KpiSnapshot.Unavailable(section, app, "the Odoo app '" + app
                        + "' is not installed"));
                return;
            }
            for (String[] field : FIELDS_OF_SECTION.getOrDefault(section, List.of())) {
                String why = unread.why(snapshot.tenant(), field[0], field[1]);
                if (why != null) {
                    // Zero would read as "nothing to fix", not "not looked at".
                    unavailable.add(new KpiSnapshot.Unavailable(section, null, "not read: " + why));
                    return;
                }
            }
        });
        unavailable.sort(java.util.Comparator.comparing(KpiSnapshot.Unavailable::section));
        return unavailable.isEmpty() ? snapshot : snapshot.withUnavailable(unavailable);
    }
}
