package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.odoopulse.tenant.KpiSettings;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Revenue, orders and AOV per sales channel (docs/kpis.md, "Channels"): the web shop (sale orders with a website),
 * the point of sale (pos.order) and other sales (sale orders entered in the back office), per window and currency
 * with the companies in the breakdowns; and the revenue brought by marketing, split by Odoo's UTM medium, source and
 * campaign. Each channel is a section of its own, so a shop without Point of Sale or eCommerce gets that channel
 * listed as unavailable, never as zero.
 */
public class ChannelCards implements CardFamily {

    /** A channel: where its orders are stored, which of them belong to it, and the same in Odoo's terms. */
    enum Channel {
        WEBSITE("website", "channel-website", "Web shop", "canonical_order", "website_id IS NOT NULL", "sale.order",
                List.of(Explain.CONFIRMED, Explain.leaf("website_id", "!=", false))),
        POINT_OF_SALE("pos", "channel-pos", "Point of sale", "canonical_pos_order", "TRUE", "pos.order",
                List.of(Explain.leaf("state", "in", List.of("paid", "done", "invoiced")))),
        OTHER_SALES("other-sales", "channel-other-sales", "Other sales", "canonical_order", "website_id IS NULL",
                "sale.order", List.of(Explain.CONFIRMED, Explain.leaf("website_id", "=", false)));

        final String prefix;
        final String section;
        final String title;
        final String table;
        final String where;
        final String model;
        final List<Object> domain;

        Channel(String prefix, String section, String title, String table, String where, String model,
                List<Object> domain) {
            this.prefix = prefix;
            this.section = section;
            this.title = title;
            this.table = table;
            this.where = where;
            this.model = model;
            this.domain = domain;
        }
    }

    private final StoreReads reads;

    public ChannelCards(JdbcTemplate jdbc) {
        this.reads = new StoreReads(jdbc);
    }

    @Override
    public List<CardDefinition> definitions() {
        List<CardDefinition> all = new ArrayList<>();
        KpiSettings.Threshold grow = new KpiSettings.Threshold(BigDecimal.valueOf(5), BigDecimal.valueOf(-5));
        var up = CardDefinition.Polarity.HIGHER_IS_BETTER;
        var detail = KpiCard.Tier.NON_HERO;
        for (Channel c : Channel.values()) {
            all.add(new CardDefinition(c.prefix + "-revenue", c.title + " revenue", c.section, "currency", detail, up,
                    true, grow));
            all.add(new CardDefinition(c.prefix + "-orders", c.title + " orders", c.section, "count", detail, up,
                    true, grow));
            all.add(new CardDefinition(c.prefix + "-aov", c.title + " average order value", c.section, "currency",
                    detail, up, true, grow));
        }
        all.add(new CardDefinition("utm-revenue", "Revenue from marketing (UTM medium or source)", "utm",
                "currency", detail, up, true, grow));
        return all;
    }

    /** Confirmed orders of one period: count and amount per currency and company. */
    private record Sums(Map<String, Map<String, long[]>> orders, Map<String, Map<String, BigDecimal>> amounts) {
        static Sums empty() {
            return new Sums(new TreeMap<>(), new TreeMap<>());
        }

        void add(String currency, String company, long n, BigDecimal amount) {
            orders.computeIfAbsent(currency, c -> new TreeMap<>()).computeIfAbsent(company, c -> new long[1])[0] += n;
            amounts.computeIfAbsent(currency, c -> new TreeMap<>()).merge(company, amount, BigDecimal::add);
        }

        long orders(String currency) {
            return orders.getOrDefault(currency, Map.of()).values().stream().mapToLong(n -> n[0]).sum();
        }

        BigDecimal revenue(String currency) {
            return amounts.getOrDefault(currency, Map.of()).values().stream().reduce(BigDecimal.ZERO,
                    BigDecimal::add);
        }
    }

    @Override
    public List<KpiCard> cards(KpiContext context) {
        List<KpiCard> cards = new ArrayList<>();
        Map<String, Object> odoo = Explain.context(context);
        for (Channel channel : Channel.values()) {
            for (KpiWindow w : context.windows()) {
                Sums now = sums(context, channel, w.start(), w.end());
                Sums before = sums(context, channel, w.previousStart(), w.start());
                TreeSet<String> currencies = new TreeSet<>(now.orders().keySet());
                currencies.addAll(before.orders().keySet());
                for (String currency : currencies) {
                    cards.addAll(channelCards(context, channel, w, currency, now, before, odoo));
                }
            }
        }
        for (KpiWindow w : context.windows()) {
            cards.addAll(utmCards(context, w, odoo));
        }
        return cards;
    }

    private Sums sums(KpiContext context, Channel channel, java.time.Instant from, java.time.Instant to) {
        Sums sums = Sums.empty();
        for (Map<String, Object> row : reads.rows(context, "SELECT currency, company_id, company, COUNT(*) AS n,"
                + " SUM(amount_total) AS a FROM " + channel.table + " WHERE tenant = ? AND deleted_at IS NULL"
                + " AND status = 'CONFIRMED' AND ordered_at >= ? AND ordered_at < ? AND " + channel.where
                + " GROUP BY currency, company_id, company", context.tenant(), KpiContext.utc(from),
                KpiContext.utc(to))) {
            sums.add((String) row.get("currency"), context.companyName(KpiContext.id(row.get("company_id")),
                    (String) row.get("company")), ((Number) row.get("n")).longValue(),
                    KpiContext.decimal(row.get("a")));
        }
        return sums;
    }

    private static List<KpiCard> channelCards(KpiContext context, Channel channel, KpiWindow w, String currency,
                                              Sums now, Sums before, Map<String, Object> odoo) {
        List<KpiCard.Breakdown> revenueParts = new ArrayList<>();
        List<KpiCard.Breakdown> orderParts = new ArrayList<>();
        List<KpiCard.Breakdown> aovParts = new ArrayList<>();
        now.amounts().getOrDefault(currency, Map.of()).forEach((company, amount) -> {
            long n = now.orders().get(currency).get(company)[0];
            revenueParts.add(Cards.part("company", company, Cards.money(amount), n));
            orderParts.add(Cards.part("company", company, Cards.count(n), n));
            aovParts.add(Cards.part("company", company, SalesCards.aov(amount, n), n));
        });
        List<Object> domain = Explain.and(channel.domain, Explain.ordered(w.start(), w.end()).toArray());
        // pos.order's currency_id is computed from its point of sale and cannot be searched (Odoo ignores the leaf):
        // a point of sale sells in its company's currency unless its journal says otherwise.
        domain = Explain.and(domain, channel == Channel.POINT_OF_SALE
                ? Explain.leaf("company_id.currency_id.name", "=", currency) : Explain.currency(currency));
        OdooQuery revenue = OdooQuery.readGroup(channel.model, domain, List.of("amount_total:sum"),
                List.of("company_id"), odoo);
        return List.of(
                Cards.windowed(channel.prefix + "-revenue", w, currency, Cards.money(now.revenue(currency)),
                        Cards.money(before.revenue(currency)), revenueParts).withHow(revenue),
                Cards.windowed(channel.prefix + "-orders", w, currency, Cards.count(now.orders(currency)),
                        Cards.count(before.orders(currency)), orderParts).withHow(OdooQuery.readGroup(channel.model,
                        domain, List.of(), List.of("company_id"), odoo)),
                Cards.windowed(channel.prefix + "-aov", w, currency, SalesCards.aov(now.revenue(currency),
                        now.orders(currency)), SalesCards.aov(before.revenue(currency), before.orders(currency)),
                        aovParts).withHow(revenue.computed(
                        "the rows' summed amount_total / their summed __count, half-up to the cent")));
    }

    /** Confirmed sale orders carrying a UTM medium or source: their revenue, split by medium, source, campaign. */
    private List<KpiCard> utmCards(KpiContext context, KpiWindow w, Map<String, Object> odoo) {
        Map<String, BigDecimal[]> total = new TreeMap<>();
        Map<String, List<KpiCard.Breakdown>> parts = new TreeMap<>();
        for (String dimension : List.of("medium", "source", "campaign")) {
            for (Map<String, Object> row : reads.rows(context, "SELECT currency, utm_" + dimension + " AS part,"
                    + " SUM(CASE WHEN ordered_at >= ? THEN 1 ELSE 0 END) AS n,"
                    + " SUM(CASE WHEN ordered_at >= ? THEN amount_total ELSE 0 END) AS a,"
                    + " SUM(CASE WHEN ordered_at < ? THEN amount_total ELSE 0 END) AS b"
                    + " FROM canonical_order WHERE tenant = ? AND deleted_at IS NULL AND status = 'CONFIRMED'"
                    + " AND ordered_at >= ? AND ordered_at < ? AND (utm_medium IS NOT NULL OR utm_source IS NOT NULL)"
                    + " GROUP BY currency, utm_" + dimension + " ORDER BY currency, utm_" + dimension,
                    KpiContext.utc(w.start()), KpiContext.utc(w.start()), KpiContext.utc(w.start()),
                    context.tenant(), KpiContext.utc(w.previousStart()), KpiContext.utc(w.end()))) {
                String currency = (String) row.get("currency");
                BigDecimal amount = KpiContext.decimal(row.get("a"));
                long n = ((Number) row.get("n")).longValue();
                if ("medium".equals(dimension)) {
                    BigDecimal[] sums = total.computeIfAbsent(currency,
                            c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    sums[0] = sums[0].add(amount);
                    sums[1] = sums[1].add(KpiContext.decimal(row.get("b")));
                }
                if (n > 0) {
                    Object part = row.get("part");
                    parts.computeIfAbsent(currency, c -> new ArrayList<>()).add(Cards.part(dimension,
                            part == null ? "(none)" : part.toString(), Cards.money(amount), n));
                }
            }
        }
        List<KpiCard> cards = new ArrayList<>();
        total.forEach((currency, sums) -> {
            List<Object> domain = Explain.and(List.of(Explain.CONFIRMED), Explain.ordered(w.start(), w.end())
                    .toArray());
            domain = Explain.and(domain, Explain.currency(currency), "|", Explain.leaf("medium_id", "!=", false),
                    Explain.leaf("source_id", "!=", false));
            cards.add(Cards.windowed("utm-revenue", w, currency, Cards.money(sums[0]), Cards.money(sums[1]),
                    parts.getOrDefault(currency, List.of())).withHow(OdooQuery.readGroup("sale.order", domain,
                    List.of("amount_total:sum"), List.of("company_id"), odoo)));
        });
        return cards;
    }
}
