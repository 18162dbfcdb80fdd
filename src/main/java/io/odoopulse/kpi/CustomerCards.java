package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * New and returning customers per window and churn risk, from confirmed orders before the as-of time; top customers
 * and lifetime values from every confirmed order in the store (Odoo's lifetime figures have no date bound). One row
 * per customer, company and currency reaches the application, not the orders: from a grouped scan, or from the kept
 * lifetimes and their activity bits ({@link CustomerActivity}).
 */
public class CustomerCards implements CardFamily {

    static final int TOP = 10;

    private final JdbcTemplate jdbc;
    private final SalesDays days;
    private final CustomerActivity activity;

    /** Every computation groups all confirmed orders by customer. */
    public CustomerCards(JdbcTemplate jdbc) {
        this(jdbc, null);
    }

    /**
     * From customer lifetimes, which the caller refreshes before each computation ({@link KpiAggregator#incremental}
     * does), when they all lie before the as-of time.
     */
    public CustomerCards(JdbcTemplate jdbc, SalesDays days) {
        this.jdbc = jdbc;
        this.days = days;
        this.activity = days == null ? null : new CustomerActivity(jdbc, days);
    }

    /** One customer's confirmed orders in one company and currency. */
    private record Facts(long customer, String company, String currency, Instant first, Instant last, long orders,
                         BigDecimal total, boolean[] active) {
    }

    /** A customer's lifetime in one currency. */
    private record Lifetime(long customer, long orders, BigDecimal total) {
    }

    @Override
    public List<KpiCard> cards(KpiContext context) {
        List<Instant[]> periods = periods(context);
        List<Facts> facts = days == null ? null : fromLifetimes(context, periods);
        if (facts == null) {
            facts = scan(context, periods);
        }
        List<KpiCard> cards = new ArrayList<>();
        newAndReturning(context, facts, cards);
        lifetime(context, facts, cards);
        return cards;
    }

    /** Every confirmed order grouped by customer, company and currency, with its activity in each period. */
    private List<Facts> scan(KpiContext context, List<Instant[]> periods) {
        Object asOf = KpiContext.utc(context.asOf());
        List<Object> args = new ArrayList<>(List.of(asOf, asOf));
        String bits = CustomerActivity.periodBits(periods, args);
        args.add(context.tenant());
        return jdbc.query("SELECT customer_id, company_id, company, currency,"
                + " MIN(CASE WHEN ordered_at < ? THEN ordered_at END) AS first_at,"
                + " MAX(CASE WHEN ordered_at < ? THEN ordered_at END) AS last_at,"
                + " COUNT(*) AS n, SUM(amount_total) AS total, " + bits + " AS bits"
                + " FROM canonical_order WHERE tenant = ? AND status = 'CONFIRMED' AND deleted_at IS NULL"
                + " AND customer_id IS NOT NULL GROUP BY customer_id, company_id, company, currency",
                (rs, i) -> new Facts(rs.getLong("customer_id"),
                        context.companyName(KpiContext.id(rs.getObject("company_id")), rs.getString("company")),
                        rs.getString("currency"), KpiContext.instant(rs.getObject("first_at")),
                        KpiContext.instant(rs.getObject("last_at")), rs.getLong("n"), rs.getBigDecimal("total"),
                        CustomerActivity.flags(rs.getLong("bits"), periods.size())), args.toArray());
    }

    /**
     * The same facts from the kept lifetimes (one row per customer, company and currency; the aggregator has brought
     * them up to the store) and their activity bits, brought up to this snapshot's periods by
     * {@link CustomerActivity}. Null when some confirmed order lies at or
     * after the as-of time (a report for a past day): first and last orders are then bounded by it, which the
     * lifetimes are not.
     */
    private List<Facts> fromLifetimes(KpiContext context, List<Instant[]> periods) {
        if (days.anyOrderFrom(context.tenant(), context.asOf())) {
            return null;
        }
        List<Facts> facts = new ArrayList<>();
        for (SalesDays.CustomerRow l : activity.customers(context.tenant(), periods, context.revision())) {
            facts.add(new Facts(l.customer(), context.companyName(l.companyId(), l.company()), l.currency(),
                    l.first(), l.last(), l.orders(), l.total(), CustomerActivity.flags(l.activity(), periods.size())));
        }
        return facts;
    }

    /** Each window and then its previous period, as {@code [start, end)}: the order of the activity flags. */
    private static List<Instant[]> periods(KpiContext context) {
        List<Instant[]> periods = new ArrayList<>();
        for (KpiWindow w : context.windows()) {
            periods.add(new Instant[] {w.start(), w.end()});
            periods.add(new Instant[] {w.previousStart(), w.start()});
        }
        return periods;
    }

    private static void newAndReturning(KpiContext context, List<Facts> facts, List<KpiCard> cards) {
        // First order ever: of the customer over all companies, and within each company for its breakdown.
        Map<Long, Instant> first = new HashMap<>();
        Map<String, Map<Long, Instant>> firstInCompany = new HashMap<>();
        for (Facts f : facts) {
            if (f.first != null) {
                first.merge(f.customer, f.first, (a, b) -> a.isBefore(b) ? a : b);
                firstInCompany.computeIfAbsent(f.company, c -> new HashMap<>())
                        .merge(f.customer, f.first, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        TreeSet<String> companies = new TreeSet<>(facts.stream().map(Facts::company).toList());
        List<KpiWindow> windows = context.windows();
        Map<String, Object> odoo = Explain.context(context);
        for (int wi = 0; wi < windows.size(); wi++) {
            KpiWindow w = windows.get(wi);
            long[] now = split(facts, first, 2 * wi, w.start());
            long[] before = split(facts, first, 2 * wi + 1, w.previousStart());
            Map<String, long[]> byCompany = splitByCompany(facts, firstInCompany, companies, 2 * wi, w.start());
            List<KpiCard.Breakdown> newParts = new ArrayList<>();
            List<KpiCard.Breakdown> repeatParts = new ArrayList<>();
            List<KpiCard.Breakdown> rateParts = new ArrayList<>();
            byCompany.forEach((company, n) -> {
                newParts.add(Cards.part("company", company, Cards.count(n[0]), n[0] + n[1]));
                repeatParts.add(Cards.part("company", company, Cards.count(n[1]), n[0] + n[1]));
                rateParts.add(Cards.part("company", company, Cards.ratio(n[1], n[0] + n[1]), n[0] + n[1]));
            });
            OdooQuery firstOrders = OdooQuery.readGroup("sale.order", Explain.domain(Explain.CONFIRMED,
                    Explain.leaf("date_order", "<", Explain.datetime(w.end()))), List.of("first_order:min(date_order)"),
                    List.of("partner_id"), odoo);
            OdooQuery active = OdooQuery.readGroup("sale.order", Explain.and(List.of(Explain.CONFIRMED),
                    Explain.ordered(w.start(), w.end()).toArray()), List.of(), List.of("partner_id"), odoo);
            String start = Explain.datetime(w.start());
            cards.add(Cards.windowed("new-customers", w, null, Cards.count(now[0]), Cards.count(before[0]), newParts)
                    .withHow(firstOrders.computed("the customers with a row in the second read_group (ordering in the"
                            + " window) whose first_order is at or after " + start, active)));
            cards.add(Cards.windowed("repeat-customers", w, null, Cards.count(now[1]), Cards.count(before[1]),
                    repeatParts).withHow(firstOrders.computed("the customers with a row in the second read_group"
                    + " (ordering in the window) whose first_order is before " + start, active)));
            cards.add(Cards.windowed("repeat-customer-rate", w, null, Cards.ratio(now[1], now[0] + now[1]),
                    Cards.ratio(before[1], before[0] + before[1]), rateParts).withHow(firstOrders.computed(
                    "returning customers (first_order before " + start + ") / the rows of the second read_group,"
                    + " four decimals half-even", active)));
        }
    }

    /** {new, returning} customers active in a period, over all companies. */
    private static long[] split(List<Facts> facts, Map<Long, Instant> first, int period, Instant start) {
        Set<Long> active = new HashSet<>();
        for (Facts f : facts) {
            if (f.active[period]) {
                active.add(f.customer);
            }
        }
        return fresh(active, first, start);
    }

    /** {new, returning} customers active in a period within each company, the first order taken within it. */
    private static Map<String, long[]> splitByCompany(List<Facts> facts, Map<String, Map<Long, Instant>> first,
                                                      Set<String> companies, int period, Instant start) {
        Map<String, Set<Long>> active = new HashMap<>();
        for (Facts f : facts) {
            if (f.active[period]) {
                active.computeIfAbsent(f.company, c -> new HashSet<>()).add(f.customer);
            }
        }
        Map<String, long[]> split = new TreeMap<>();
        for (String company : companies) {
            split.put(company, fresh(active.getOrDefault(company, Set.of()), first.get(company), start));
        }
        return split;
    }

    private static long[] fresh(Set<Long> active, Map<Long, Instant> first, Instant start) {
        long fresh = 0;
        for (long customer : active) {
            if (!first.get(customer).isBefore(start)) {
                fresh++;
            }
        }
        return new long[] {fresh, active.size() - fresh};
    }

    private void lifetime(KpiContext context, List<Facts> facts, List<KpiCard> cards) {
        Map<Long, Instant> last = new HashMap<>();
        Map<String, Map<Long, long[]>> orders = new TreeMap<>();
        Map<String, Map<Long, BigDecimal>> spend = new TreeMap<>();
        for (Facts f : facts) {
            if (f.last != null) {
                last.merge(f.customer, f.last, (a, b) -> a.isAfter(b) ? a : b);
            }
            orders.computeIfAbsent(f.currency, c -> new HashMap<>()).computeIfAbsent(f.customer, c -> new long[1])[0]
                    += f.orders;
            spend.computeIfAbsent(f.currency, c -> new HashMap<>()).merge(f.customer, f.total, BigDecimal::add);
        }
        Instant churnBefore = context.asOf().atZone(context.zone()).minusDays(context.settings().churnDays())
                .toInstant();
        Comparator<Lifetime> biggest = Comparator.comparing(Lifetime::total).reversed()
                .thenComparing(Lifetime::customer);
        // Per currency: the top customers, and those at risk of churning with the biggest at risk listed.
        Map<String, List<Lifetime>> top = new TreeMap<>();
        Map<String, List<Lifetime>> atRisk = new TreeMap<>();
        spend.forEach((currency, byCustomer) -> {
            List<Lifetime> ranked = byCustomer.entrySet().stream()
                    .map(e -> new Lifetime(e.getKey(), orders.get(currency).get(e.getKey())[0], e.getValue()))
                    .sorted(biggest).toList();
            top.put(currency, ranked.subList(0, Math.min(TOP, ranked.size())));
            atRisk.put(currency, ranked.stream()
                    .filter(l -> last.containsKey(l.customer) && last.get(l.customer).isBefore(churnBefore)).toList());
        });
        Map<Long, String> names = names(context.tenant(), java.util.stream.Stream.concat(
                top.values().stream().flatMap(List::stream),
                atRisk.values().stream().flatMap(l -> l.stream().limit(TOP))).map(Lifetime::customer).toList());
        Map<String, Object> odoo = Explain.context(context);
        String asOf = Explain.datetime(context.asOf());
        OdooQuery lastOrders = OdooQuery.readGroup("sale.order", Explain.domain(Explain.CONFIRMED,
                Explain.leaf("date_order", "<", asOf)), List.of("last_order:max(date_order)"), List.of("partner_id"),
                odoo);
        String churn = Explain.datetime(churnBefore);
        top.forEach((currency, shown) -> {
            OdooQuery spendIn = OdooQuery.readGroup("sale.order", Explain.domain(Explain.CONFIRMED,
                    Explain.currency(currency)), List.of("amount_total:sum"), List.of("partner_id"), odoo);
            cards.add(Cards.at("top-customers", "lifetime", context, currency,
                    Cards.money(shown.stream().map(Lifetime::total).reduce(BigDecimal.ZERO, BigDecimal::add)),
                    shown.stream().map(l -> part(l, names)).toList()).withHow(spendIn.with("orderby",
                    "amount_total desc", "limit", TOP).computed(
                    "the summed amount_total of these " + TOP + " rows (ties by customer id)")));
            List<Lifetime> risk = atRisk.get(currency);
            List<KpiCard.Breakdown> riskParts = risk.stream().limit(TOP).map(l -> part(l, names)).toList();
            cards.add(Cards.at("churn-risk", "now", context, currency, Cards.count(risk.size()), riskParts)
                    .withHow(spendIn.computed("the customers of these rows whose last_order in the second read_group"
                            + " is before " + churn, lastOrders)));
            cards.add(Cards.at("churn-risk-value", "now", context, currency,
                    Cards.money(risk.stream().map(Lifetime::total).reduce(BigDecimal.ZERO, BigDecimal::add)),
                    riskParts).withHow(spendIn.computed("the summed amount_total of the rows whose customer's"
                    + " last_order in the second read_group is before " + churn, lastOrders)));
        });
    }

    /**
     * The first confirmed order of each of these customers, through the customer index. Asked as a subquery
     * ({@code customer_id IN (SELECT ...)}), H2 ran the subquery again for every order of the tenant: 75 % of a
     * changed tick at 200 tenants of 10,000 orders (docs/benchmarks.md).
     */
    private Map<Long, Instant> firstOrders(String tenant, Set<Long> customers) {
        Map<Long, Instant> first = new HashMap<>();
        for (List<Long> chunk : CustomerActivity.chunks(customers)) {
            List<Object> args = new ArrayList<>(chunk);
            args.add(tenant);
            jdbc.query("SELECT c.id, MIN(o.ordered_at) FROM " + CustomerActivity.idList(chunk)
                    + " JOIN canonical_order o ON o.tenant = ? AND o.status = 'CONFIRMED' AND o.customer_id = c.id"
                    + " WHERE o.deleted_at IS NULL GROUP BY c.id", rs -> {
                        first.put(rs.getLong(1), KpiContext.instant(rs.getObject(2)));
                    }, args.toArray());
        }
        return first;
    }

    /** The names of the customers a breakdown lists: a few dozen, not the whole customer base. */
    private Map<Long, String> names(String tenant, List<Long> customers) {
        Map<Long, String> names = new HashMap<>();
        List<Long> ids = customers.stream().distinct().toList();
        if (ids.isEmpty()) {
            return names;
        }
        List<Object> args = new ArrayList<>(List.of(tenant));
        args.addAll(ids);
        jdbc.query("SELECT source_id, name FROM canonical_customer WHERE tenant = ? AND deleted_at IS NULL"
                + " AND source_id IN (" + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")",
                rs -> {
                    names.put(rs.getLong(1), rs.getString(2));
                }, args.toArray());
        return names;
    }

    private static KpiCard.Breakdown part(Lifetime lifetime, Map<Long, String> names) {
        return Cards.part("customer", String.valueOf(lifetime.customer),
                names.getOrDefault(lifetime.customer, "customer " + lifetime.customer), Cards.money(lifetime.total),
                lifetime.orders);
    }

    @Override
    public CardFamily forSeries() {
        return this::daily;
    }

    /**
     * New and returning customers of each one-day window (the series' days): only the orders of those days and the
     * first order of the customers active on them are read, not every order (the activity bits of
     * {@link #cards} would scan them all for each day).
     */
    private List<KpiCard> daily(KpiContext context) {
        List<KpiWindow> days = context.windows();
        if (days.isEmpty()) {
            return List.of();
        }
        Object from = KpiContext.utc(days.get(0).start());
        Object to = KpiContext.utc(days.get(days.size() - 1).end());
        String tenant = context.tenant();
        List<Object[]> active = jdbc.query("SELECT customer_id, ordered_at FROM canonical_order WHERE tenant = ? AND "
                + "status = 'CONFIRMED' AND deleted_at IS NULL AND customer_id IS NOT NULL AND ordered_at >= ? AND "
                + "ordered_at < ?", (rs, i) -> new Object[] {rs.getLong(1), KpiContext.instant(rs.getObject(2))},
                tenant, from, to);
        Map<Long, Instant> first = firstOrders(tenant, active.stream().map(o -> (Long) o[0]).collect(
                java.util.stream.Collectors.toCollection(TreeSet::new)));
        List<KpiCard> cards = new ArrayList<>();
        for (KpiWindow day : days) {
            TreeSet<Long> customers = new TreeSet<>();
            for (Object[] order : active) {
                Instant at = (Instant) order[1];
                if (!at.isBefore(day.start()) && at.isBefore(day.end())) {
                    customers.add((Long) order[0]);
                }
            }
            long fresh = customers.stream().filter(c -> !first.get(c).isBefore(day.start())).count();
            long returning = customers.size() - fresh;
            cards.add(Cards.windowed("new-customers", day, null, Cards.count(fresh), null, List.of()));
            cards.add(Cards.windowed("repeat-customers", day, null, Cards.count(returning), null, List.of()));
            cards.add(Cards.windowed("repeat-customer-rate", day, null, Cards.ratio(returning, customers.size()), null,
                    List.of()));
        }
        return cards;
    }
}
