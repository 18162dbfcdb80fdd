package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Revenue, order count, AOV (per currency, per company in the breakdowns, and converted to the reporting currency),
 * the order mix and the cancellation rate. One grouped query over the longest window and its previous period: the
 * database returns a few rows per day, currency, company and status, never the orders. With {@link SalesDays} the
 * same rows come from day sums kept up to date, and only days cut by a window edge are read from the orders.
 */
public class SalesCards implements CardFamily {

    private final JdbcTemplate jdbc;
    private final SalesDays days;
    private final StoreReads reads;

    /** Every computation scans the orders of the longest window and its previous period. */
    public SalesCards(JdbcTemplate jdbc) {
        this(jdbc, null);
    }

    /** From day sums, which the caller refreshes before each computation ({@link KpiAggregator#incremental} does). */
    public SalesCards(JdbcTemplate jdbc, SalesDays days) {
        this.jdbc = jdbc;
        this.days = days;
        this.reads = new StoreReads(jdbc);
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

        /** Confirmed orders in every currency: the divisor of the converted AOV. */
        long confirmed() {
            return ordersByCurrency.values().stream().mapToLong(n -> n[0]).sum();
        }
    }

    /** Orders of one group (company, currency, status, UTC day): count and amount within each period. */
    private record Row(Long companyId, String company, String currency, String status, long utcDay, long[] n,
                       BigDecimal[] a) {
    }

    @Override
    public List<KpiCard> cards(KpiContext context) {
        List<Instant[]> ranges = new ArrayList<>();
        for (KpiWindow w : context.windows()) {
            ranges.add(new Instant[] {w.start(), w.end()});
            ranges.add(new Instant[] {w.previousStart(), w.start()});
        }
        List<Row> rows = days == null
                ? scan(context, ranges, context.longest().previousStart(), context.asOf())
                : fromDays(context, ranges);
        return cards(context, ranges.size(), rows);
    }

    /**
     * From the day sums, which the aggregator has brought up to the store for this snapshot. A day lying wholly
     * inside or outside every period comes from its sums; a day cut by a period's edge (an as-of time other than
     * local midnight) comes from its orders, which are read once per store revision ({@link #cutDay}).
     */
    private List<Row> fromDays(KpiContext context, List<Instant[]> ranges) {
        ZoneId zone = context.zone();
        Set<LocalDate> cut = new TreeSet<>();
        for (Instant[] range : ranges) {
            for (Instant edge : range) {
                LocalDate day = edge.atZone(zone).toLocalDate();
                if (!day.atStartOfDay(zone).toInstant().equals(edge)) {
                    cut.add(day);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (LocalDate day : cut) {
            rows.addAll(cutDay(context, ranges, day.atStartOfDay(zone).toInstant(),
                    day.plusDays(1).atStartOfDay(zone).toInstant()));
        }
        LocalDate from = context.longest().previousStart().atZone(zone).toLocalDate();
        for (SalesDays.DayRow day : days.days(context.tenant(), from, context.asOfDay())) {
            LocalDate local = LocalDate.ofEpochDay(day.key().localDay());
            if (cut.contains(local)) {
                continue;
            }
            Instant start = local.atStartOfDay(zone).toInstant();
            long[] n = new long[ranges.size()];
            BigDecimal[] a = new BigDecimal[ranges.size()];
            for (int i = 0; i < ranges.size(); i++) {
                boolean inside = !start.isBefore(ranges.get(i)[0]) && start.isBefore(ranges.get(i)[1]);
                n[i] = inside ? day.orders() : 0;
                a[i] = inside ? day.amount() : BigDecimal.ZERO;
            }
            SalesDays.DayKey k = day.key();
            rows.add(new Row(k.companyId(), k.company(), k.currency(), k.status(), k.utcDay(), n, a));
        }
        return rows;
    }

    /**
     * The rows {@link #scan} gives for the orders dated in {@code [from, to)}, summed here from the orders themselves:
     * a day cut by the {@code T} and {@code 24H} edges, which move with every as-of minute while its orders do not.
     */
    private List<Row> cutDay(KpiContext context, List<Instant[]> ranges, Instant from, Instant to) {
        Map<List<Object>, Row> groups = new java.util.LinkedHashMap<>();
        for (Map<String, Object> order : reads.rows(context, "SELECT company_id, company, currency, status,"
                + " ordered_at, amount_total FROM canonical_order WHERE tenant = ? AND deleted_at IS NULL"
                + " AND ordered_at >= ? AND ordered_at < ?", context.tenant(), KpiContext.utc(from),
                KpiContext.utc(to))) {
            Long companyId = KpiContext.id(order.get("company_id"));
            Instant at = KpiContext.instant(order.get("ordered_at"));
            long utcDay = Math.floorDiv(at.getEpochSecond(), 86_400);
            Row row = groups.computeIfAbsent(java.util.Arrays.asList(companyId, order.get("company"),
                    order.get("currency"), order.get("status"), utcDay), k -> {
                        BigDecimal[] a = new BigDecimal[ranges.size()];
                        java.util.Arrays.fill(a, BigDecimal.ZERO);
                        return new Row(companyId, (String) order.get("company"), (String) order.get("currency"),
                                (String) order.get("status"), utcDay, new long[ranges.size()], a);
                    });
            BigDecimal amount = KpiContext.decimal(order.get("amount_total"));
            for (int p = 0; p < ranges.size(); p++) {
                if (!at.isBefore(ranges.get(p)[0]) && at.isBefore(ranges.get(p)[1])) {
                    row.n()[p]++;
                    row.a()[p] = row.a()[p].add(amount);
                }
            }
        }
        return new ArrayList<>(groups.values());
    }

    /** The orders dated in {@code [from, to)}, grouped in the database with their sums per period. */
    private List<Row> scan(KpiContext context, List<Instant[]> ranges, Instant from, Instant to) {
        List<Object> args = new ArrayList<>();
        StringBuilder sums = new StringBuilder();
        for (int p = 0; p < ranges.size(); p++) {
            Instant[] range = ranges.get(p);
            sums.append(", SUM(CASE WHEN ordered_at >= ? AND ordered_at < ? THEN 1 ELSE 0 END) AS n").append(p)
                    .append(", SUM(CASE WHEN ordered_at >= ? AND ordered_at < ? THEN amount_total ELSE 0 END) AS a")
                    .append(p);
            for (int i = 0; i < 2; i++) {
                args.add(KpiContext.utc(range[0]));
                args.add(KpiContext.utc(range[1]));
            }
        }
        args.add(context.tenant());
        args.add(KpiContext.utc(from));
        args.add(KpiContext.utc(to));
        // The UTC day of date_order picks the conversion rate, as Odoo converts a sale order at its date.
        String sql = "SELECT company_id, company, currency, status, FLOOR(EXTRACT(EPOCH FROM ordered_at) / 86400) AS utc_day"
                + sums + " FROM canonical_order WHERE tenant = ? AND deleted_at IS NULL AND ordered_at >= ?"
                + " AND ordered_at < ? GROUP BY company_id, company, currency, status,"
                + " FLOOR(EXTRACT(EPOCH FROM ordered_at) / 86400)";
        int periods = ranges.size();
        return jdbc.query(sql, (rs, i) -> {
            long[] n = new long[periods];
            BigDecimal[] a = new BigDecimal[periods];
            for (int p = 0; p < periods; p++) {
                n[p] = rs.getLong("n" + p);
                a[p] = KpiContext.decimal(rs.getObject("a" + p));
            }
            return new Row(KpiContext.id(rs.getObject("company_id")), rs.getString("company"),
                    rs.getString("currency"), rs.getString("status"), rs.getLong("utc_day"), n, a);
        }, args.toArray());
    }

    private List<KpiCard> cards(KpiContext context, int p, List<Row> rows) {
        List<KpiWindow> windows = context.windows();
        Period[] periods = new Period[p];
        for (int i = 0; i < p; i++) {
            periods[i] = new Period();
        }
        TreeSet<String> currencies = new TreeSet<>();
        String reporting = context.reportingCurrency();
        for (Row row : merged(rows, p)) {
            Long companyId = row.companyId();
            String company = context.companyName(companyId, row.company());
            String currency = row.currency();
            String status = row.status();
            LocalDate day = LocalDate.ofEpochDay(row.utcDay());
            for (int i = 0; i < p; i++) {
                long n = row.n()[i];
                if (n == 0) {
                    continue;
                }
                BigDecimal amount = row.a()[i];
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
        Map<String, Object> odoo = Explain.context(context);
        for (int wi = 0; wi < windows.size(); wi++) {
            KpiWindow w = windows.get(wi);
            Period now = periods[2 * wi];
            Period before = periods[2 * wi + 1];
            List<Object> confirmed = Explain.and(List.of(Explain.CONFIRMED), Explain.ordered(w.start(), w.end())
                    .toArray());
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
                List<Object> inCurrency = Explain.and(confirmed, Explain.currency(currency));
                OdooQuery revenue = OdooQuery.readGroup("sale.order", inCurrency, List.of("amount_total:sum"),
                        List.of("company_id"), odoo);
                cards.add(Cards.windowed("revenue", w, currency, Cards.money(now.revenue(currency)),
                        Cards.money(before.revenue(currency)), revenueParts).withHow(revenue));
                cards.add(Cards.windowed("orders", w, currency, Cards.count(now.orders(currency)),
                        Cards.count(before.orders(currency)), orderParts).withHow(OdooQuery.readGroup("sale.order",
                        inCurrency, List.of(), List.of("company_id"), odoo)));
                cards.add(Cards.windowed("aov", w, currency, aov(now.revenue(currency), now.orders(currency)),
                        aov(before.revenue(currency), before.orders(currency)), aovParts).withHow(revenue.computed(
                        "the rows' summed amount_total / their summed __count, half-up to the cent")));
            }
            if (!currencies.isEmpty()) {
                OdooQuery byDay = OdooQuery.readGroup("sale.order", confirmed, List.of("amount_total:sum"),
                        List.of("company_id", "currency_id", "date_order:day"), Explain.utcContext(context));
                String converted = Explain.converted(context, "date_order");
                cards.add(Cards.windowed("revenue-total", w, reporting, Cards.money(now.converted),
                        Cards.money(before.converted), List.of()).withHow(byDay.computed(converted,
                        Explain.rates(context))));
                // The unrounded converted revenue over every confirmed order, rounded once.
                cards.add(Cards.windowed("aov-total", w, reporting, aov(now.converted, now.confirmed()),
                        aov(before.converted, before.confirmed()), List.of()).withHow(byDay.computed(
                        "revenue-total's converted sum, unrounded, / the rows' summed __count, half-up to the cent",
                        Explain.rates(context))));
            }
            OdooQuery byState = OdooQuery.readGroup("sale.order", Explain.ordered(w.start(), w.end()), List.of(),
                    List.of("state"), odoo);
            cards.add(Cards.windowed("order-mix", w, null, mix(now), mix(before), statusParts(now)).withHow(
                    byState.computed("__count of sale and done / __count of sale, done, draft and sent, four"
                            + " decimals half-even")));
            cards.add(Cards.windowed("cancellation-rate", w, null, cancellation(now.byStatus),
                    cancellation(before.byStatus), cancellationParts(now)).withHow(byState.computed(
                    "__count of cancel / __count of every row, four decimals half-even")));
        }
        return cards;
    }

    /**
     * Rows of one group (company, currency, status, UTC day) together, as the full scan returns them: conversion
     * divides, so converting each day's part on its own could differ from converting their sum in the last digit.
     */
    private static List<Row> merged(List<Row> rows, int periods) {
        Map<List<Object>, Row> groups = new java.util.LinkedHashMap<>();
        for (Row row : rows) {
            List<Object> key = java.util.Arrays.asList(row.companyId(), row.company(), row.currency(), row.status(),
                    row.utcDay());
            Row sum = groups.computeIfAbsent(key, k -> {
                BigDecimal[] zero = new BigDecimal[periods];
                java.util.Arrays.fill(zero, BigDecimal.ZERO);
                return new Row(row.companyId(), row.company(), row.currency(), row.status(), row.utcDay(),
                        new long[periods], zero);
            });
            for (int i = 0; i < periods; i++) {
                sum.n()[i] += row.n()[i];
                sum.a()[i] = sum.a()[i].add(row.a()[i]);
            }
        }
        return List.copyOf(groups.values());
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
