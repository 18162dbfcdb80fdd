package io.odoopulse.flow;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The test's own reading of the demo Odoo's sale orders, written apart from the aggregator: plain loops over the
 * simulator's records, comparing Odoo's date text the way Odoo's SQL does.
 */
final class DemoDataset {

    private static final DateTimeFormatter ODOO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final Set<String> CONFIRMED = Set.of("sale", "done");

    /** Revenue and order count of one currency in one window. */
    record Totals(BigDecimal revenue, int orders) {
        Totals plus(BigDecimal amount) {
            return new Totals(revenue.add(amount), orders + 1);
        }
    }

    private DemoDataset() {
    }

    /** currency -> totals of confirmed orders dated in [asOf - days, asOf). */
    static Map<String, Totals> confirmedSales(List<Map<String, Object>> orders, Instant asOf, int days) {
        String start = ODOO.format(asOf.minusSeconds(days * 86_400L));
        String end = ODOO.format(asOf);
        Map<String, Totals> byCurrency = new TreeMap<>();
        for (Map<String, Object> order : orders) {
            String date = (String) order.get("date_order");
            if (CONFIRMED.contains(order.get("state")) && date.compareTo(start) >= 0 && date.compareTo(end) < 0) {
                String currency = (String) ((List<?>) order.get("currency_id")).get(1);
                BigDecimal amount = new BigDecimal(String.valueOf(order.get("amount_total")));
                byCurrency.merge(currency, new Totals(amount, 1), (a, b) -> a.plus(b.revenue()));
            }
        }
        return byCurrency;
    }
}
