package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Revenue, order count, AOV (per currency, per company in the breakdowns, and converted to the reporting currency),
 * the order mix and the cancellation rate. One grouped query over the longest window and its previous period: the
 * database returns a few rows per day, currency, company and status, never the orders.
 */
public class SalesCards implements CardFamily {

    private final JdbcTemplate jdbc;

    public SalesCards(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Sums of one period: by status, and for confirmed orders by currency and company. */
    private static final class Period {
        final Map<String, Long> byStatus = new TreeMap<>();
        final Map<String, Map<String, Long>> statusByCompany = new TreeMap<>();
        final Map<String, long[]> ordersByCurrency = new TreeMap<>();
        final Map<String, BigDecimal> revenueByCurrency = new TreeMap<>();
        final Map<String, Map<String, BigDecimal>> revenueByCurrencyCompany = new TreeMap<>();
        final Map<String, Map<String, Long>> ordersByCurrencyCompany = new TreeMap<>();
        BigDecimal converted = BigDecimal.ZERO;

        long orders(String currency) {
            long[] n = ordersByCurrency.get(currency);
            return n == null ? 0 : n[0];
        }

        BigDecimal revenue(String currency) {
            return revenueByCurrency.getOrDefault(currency, BigDecimal.ZERO);
        }

        long total() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    @Override
    public List<KpiCard> cards(KpiContext context) {
        List<KpiWindow> windows = context.windows();
        List<Object> args = new ArrayList<>();
        StringBuilder sums = new StringBuilder();
        int p = 0;
        for (KpiWindow w : windows) {
            for (var range : List.of(List.of(w.start(), w.end()), List.of(w.previousStart(), w.start()))) {
                sums.append(", SUM(CASE WHEN ordered_at >= ? AND ordered_at < ? THEN 1 ELSE 0 END) AS n").append(p)
                        .append(", SUM(CASE WHEN ordered_at >= ? AND ordered_at < ? THEN amount_total ELSE 0 END) AS a")
                        .append(p);
                for (int i = 0; i < 2; i++) {
                    args.add(KpiContext.utc(range.get(0)));
                    args.add(KpiContext.utc(range.get(1)));
                }
                p++;
            }
        }
        args.add(context.tenant());
        args.add(KpiContext.utc(context.longest().previousStart()));
        args.add(KpiContext.utc(context.asOf()));
        // The UTC day of date_order picks the conversion rate, as Odoo converts a sale order at its date.
        String sql = "SELECT company_id, company, currency, status, FLOOR(EXTRACT(EPOCH FROM ordered_at) / 86400) AS utc_day"
                + sums + " FROM canonical_order WHERE tenant = ? AND deleted_at IS NULL AND ordered_at >= ?"
                + " AND ordered_at < ? GROUP BY company_id, company, currency, status,"
                + " FLOOR(EXTRACT(EPOCH FROM ordered_at) / 86400)";
        Period[] periods = new Period[p];
        for (int i = 0; i < p; i++) {
            periods[i] = new Period();
        }
        TreeSet<String> currencies = new TreeSet<>();
        String reporting = context.reportingCurrency();
        for (Map<String, Object> row : jdbc.queryForList(sql, args.toArray())) {
            Long companyId = row.get("company_id") == null ? null : ((Number) row.get("company_id")).longValue();
            String company = context.companyName(companyId, (String) row.get("company"));
            String currency = (String) row.get("currency");
            String status = (String) row.get("status");
            LocalDate day = LocalDate.ofEpochDay(((Number) row.get("utc_day")).longValue());
            for (int i = 0; i < p; i++) {
                long n = ((Number) row.get("n" + i)).longValue();
                if (n == 0) {
                    continue;
                }
                BigDecimal amount = KpiContext.decimal(row.get("a" + i));
                Period period = periods[i];
                period.byStatus.merge(status, n, Long::sum);
                period.statusByCompany.computeIfAbsent(company, c -> new TreeMap<>()).merge(status, n, Long::sum);
                if ("CONFIRMED".equals(status)) {
                    currencies.add(currency);
                    period.ordersByCurrency.computeIfAbsent(currency, c -> new long[1])[0] += n;
                    period.revenueByCurrency.merge(currency, amount, BigDecimal::add);
                    period.revenueByCurrencyCompany.computeIfAbsent(currency, c -> new TreeMap<>())
                            .merge(company, amount, BigDecimal::add);
                    period.ordersByCurrencyCompany.computeIfAbsent(currency, c -> new TreeMap<>())
                            .merge(company, n, Long::sum);
                    period.converted = period.converted.add(
                            context.converter().convert(amount, currency, reporting, companyId, day));
                }
            }
        }
        List<KpiCard> cards = new ArrayList<>();
        for (int wi = 0; wi < windows.size(); wi++) {
            KpiWindow w = windows.get(wi);
            Period now = periods[2 * wi];
            Period before = periods[2 * wi + 1];
            for (String currency : currencies) {
                List<KpiCard.Breakdown> revenueParts = new ArrayList<>();
                List<KpiCard.Breakdown> aovParts = new ArrayList<>();
                List<KpiCard.Breakdown> orderParts = new ArrayList<>();
                now.revenueByCurrencyCompany.getOrDefault(currency, Map.of()).forEach((company, amount) -> {
                    long n = now.ordersByCurrencyCompany.get(currency).get(company);
                    revenueParts.add(Cards.part("company", company, Cards.money(amount), n));
                    orderParts.add(Cards.part("company", company, Cards.count(n), n));
                    aovParts.add(Cards.part("company", company, aov(amount, n), n));
                });
                cards.add(Cards.windowed("revenue", w, currency, Cards.money(now.revenue(currency)),
                        Cards.money(before.revenue(currency)), revenueParts));
                cards.add(Cards.windowed("orders", w, currency, Cards.count(now.orders(currency)),
                        Cards.count(before.orders(currency)), orderParts));
                cards.add(Cards.windowed("aov", w, currency, aov(now.revenue(currency), now.orders(currency)),
                        aov(before.revenue(currency), before.orders(currency)), aovParts));
            }
            if (!currencies.isEmpty()) {
                cards.add(Cards.windowed("revenue-total", w, reporting, Cards.money(now.converted),
                        Cards.money(before.converted), List.of()));
            }
            cards.add(Cards.windowed("order-mix", w, null, mix(now), mix(before), statusParts(now)));
            cards.add(Cards.windowed("cancellation-rate", w, null, cancellation(now.byStatus),
                    cancellation(before.byStatus), cancellationParts(now)));
        }
        return cards;
    }

    /** Revenue over orders, rounded half-up to the cent; undefined without orders. */
    static BigDecimal aov(BigDecimal revenue, long orders) {
        return orders == 0 ? null : revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal mix(Period period) {
        long confirmed = period.byStatus.getOrDefault("CONFIRMED", 0L);
        return Cards.ratio(confirmed, confirmed + period.byStatus.getOrDefault("DRAFT", 0L));
    }

    private static BigDecimal cancellation(Map<String, Long> byStatus) {
        long all = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return Cards.ratio(byStatus.getOrDefault("CANCELLED", 0L), all);
    }

    private static List<KpiCard.Breakdown> statusParts(Period period) {
        List<KpiCard.Breakdown> parts = new ArrayList<>();
        for (String status : List.of("DRAFT", "CONFIRMED", "CANCELLED")) {
            long n = period.byStatus.getOrDefault(status, 0L);
            parts.add(Cards.part("status", status, Cards.count(n), n));
        }
        period.statusByCompany.forEach((company, byStatus) -> {
            for (String status : List.of("DRAFT", "CONFIRMED", "CANCELLED")) {
                long n = byStatus.getOrDefault(status, 0L);
                parts.add(Cards.part("company-status", company + "/" + status, Cards.count(n), n));
            }
        });
        return parts;
    }

    private static List<KpiCard.Breakdown> cancellationParts(Period period) {
        List<KpiCard.Breakdown> parts = new ArrayList<>();
        period.statusByCompany.forEach((company, byStatus) -> parts.add(Cards.part("company", company,
                cancellation(byStatus), byStatus.getOrDefault("CANCELLED", 0L))));
        return parts;
    }
}
