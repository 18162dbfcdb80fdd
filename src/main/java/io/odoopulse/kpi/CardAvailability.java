package io.odoopulse.kpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.camel.Body;

/**
 * Takes out of a snapshot the card sections whose Odoo app the merchant has not installed (found at connect) and
 * lists them as unavailable: a shop without Inventory has no stock-outs to report, not zero of them.
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
            Map.entry("audit-finance", "account"),
            Map.entry("audit-sales", "sale"),
            Map.entry("audit-website", "website_sale"),
            Map.entry("audit-website-stock", "website_sale"));

    private final Function<String, Map<String, Boolean>> installedApps;

    /** @param installedApps per tenant id, which apps its Odoo has (read at connect) */
    public CardAvailability(Function<String, Map<String, Boolean>> installedApps) {
        this.installedApps = installedApps;
    }

    public KpiSnapshot apply(@Body KpiSnapshot snapshot) {
        Map<String, Boolean> apps = installedApps.apply(snapshot.tenant());
        List<KpiSnapshot.Unavailable> unavailable = new ArrayList<>();
        APP_OF_SECTION.forEach((section, app) -> {
            if (!apps.getOrDefault(app, false)) {
                unavailable.add(new KpiSnapshot.Unavailable(section, app, "the Odoo app '" + app
                        + "' is not installed"));
            }
        });
        unavailable.sort(java.util.Comparator.comparing(KpiSnapshot.Unavailable::section));
        return unavailable.isEmpty() ? snapshot : snapshot.withUnavailable(unavailable);
    }
}
