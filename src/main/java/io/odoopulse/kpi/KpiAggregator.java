package io.odoopulse.kpi;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.CurrencyRate;
import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantRegistry;
import org.apache.camel.Header;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Computes every card of a tenant from the canonical store (docs/kpis.md): each card family aggregates in the
 * database, this class sets up the windows, companies and rates they share, then judges trend and sentiment.
 */
public class KpiAggregator {

    static final String SOURCE = "odoo";
    static final int SERIES_DAYS = 30;

    private final JdbcTemplate jdbc;
    private final TenantRegistry tenants;
    private final List<Integer> windowsDays;
    private final Clock clock;
    private final List<CardFamily> families;
    /**
     * The incremental tables, when this aggregator keeps them: they answer in a few rows what the orders would. Each
     * snapshot brings them up to the store first.
     */
    private final SalesDays days;
    private final CanonicalStore store;
    /**
     * Each tenant's last daily series and what they were computed from. The series' days end before the as-of day,
     * so they change only with the store (its revision), the days or the tenant's settings: an idle tick reuses
     * them instead of running every family thirty times again.
     */
    private final Map<String, Series> seriesByTenant = new java.util.concurrent.ConcurrentHashMap<>();
    private final SentimentJudge judge = new SentimentJudge();
    private final SnapshotSummary summary = new SnapshotSummary();

    public KpiAggregator(JdbcTemplate jdbc, TenantRegistry tenants, List<Integer> windowsDays, Clock clock) {
        this(jdbc, tenants, windowsDays, clock, List.of(new SalesCards(jdbc), new RefundCards(jdbc),
                new InventoryCards(jdbc), new CustomerCards(jdbc), new FinanceCards(jdbc), new CatalogueCards(jdbc),
                new ChannelCards(jdbc), new AuditCheckCards(jdbc), new RevenueAuditCards(jdbc),
                new WebsiteAuditCards(jdbc), new StockValueCards(jdbc)));
    }

    /**
     * Sales and customer cards from day sums and customer lifetimes that follow the orders changed since the
     * previous snapshot (docs/kpis.md, "Incremental update"), so a small pull does not rescan every order; the other
     * families as usual.
     */
    public static KpiAggregator incremental(JdbcTemplate jdbc, TenantRegistry tenants, List<Integer> windowsDays,
                                            Clock clock) {
        SalesDays days = new SalesDays(jdbc);
        return new KpiAggregator(jdbc, tenants, windowsDays, clock, List.of(new SalesCards(jdbc, days),
                new RefundCards(jdbc), new InventoryCards(jdbc), new CustomerCards(jdbc, days), new FinanceCards(jdbc),
                new CatalogueCards(jdbc), new ChannelCards(jdbc),
                new AuditCheckCards(jdbc), new RevenueAuditCards(jdbc), new WebsiteAuditCards(jdbc),
                new StockValueCards(jdbc)), days);
    }

    /**
     * The tenant's orders were stored again with unchanged write_dates (the parity audit's re-read): the next
     * snapshot rebuilds its incremental tables instead of following them by updated_at.
     */
    public void storedBehindWriteDates(String tenant) {
        if (days != null) {
            days.forget(tenant);
        }
    }

    /** With other families, e.g. cross-channel ones that combine Odoo's cards with another source's. */
    public KpiAggregator(JdbcTemplate jdbc, TenantRegistry tenants, List<Integer> windowsDays, Clock clock,
                         List<CardFamily> families) {
        this(jdbc, tenants, windowsDays, clock, families, null);
    }

    private KpiAggregator(JdbcTemplate jdbc, TenantRegistry tenants, List<Integer> windowsDays, Clock clock,
                          List<CardFamily> families, SalesDays days) {
        this.days = days;
        this.jdbc = jdbc;
        this.store = new CanonicalStore(jdbc);
        this.tenants = tenants;
        this.windowsDays = windowsDays.stream().sorted().toList();
        this.clock = clock;
        this.families = List.copyOf(families);
        this.families.forEach(family -> family.definitions().forEach(CardDefinition::register));
    }

    /** As of the tenant's fixed {@code kpi.as-of}, or now. */
    public KpiSnapshot snapshot(@Header("pulseTenant") String tenantId) {
        return snapshotAt(tenantId, tenants.get(tenantId).asOf().orElseGet(clock::instant));
    }

    /** As of a time chosen for this run (a report for a past day). */
    public KpiSnapshot snapshotAt(String tenantId, Instant asOf) {
        Tenant tenant = tenants.get(tenantId);
        // First: a write after this read raises the revision, so the series computed below are not kept past it.
        long revision = store.revision(tenantId);
        if (days != null) {
            // Once per snapshot, before anything reads the day sums: the sales and customer families share them.
            days.refresh(tenantId, tenant.timezone(), revision);
        }
        KpiContext context = context(tenant, asOf, revision);
        Map<String, List<KpiCard.Point>> series = series(tenant, context, revision);
        List<KpiCard> cards = new ArrayList<>();
        for (CardFamily family : families) {
            for (KpiCard card : family.cards(context)) {
                KpiCard judged = judge.judge(card, tenant.kpi());
                judged = judged.withMeta(CardMeta.of(judged, tenant.kpi()));
                if (CardMeta.TRIGGER_WINDOW.equals(card.window())) {
                    judged = judged.withSeries(series.get(seriesKey(card)));
                }
                cards.add(judged);
            }
        }
        return new KpiSnapshot(tenantId, tenant.name(), SOURCE, asOf, clock.instant(), tenant.timezone().getId(),
                context.reportingCurrency(), summary.summarise(cards, List.of()), List.of(), List.copyOf(cards));
    }

    /**
     * The daily figures of every windowed card over the 30 whole local days of the 30D window: the families again,
     * with one window per day. Keyed by card id and currency.
     */
    private Map<String, List<KpiCard.Point>> series(Tenant tenant, KpiContext context, long revision) {
        KpiWindow month = KpiWindow.of(SERIES_DAYS, context.asOf(), context.zone());
        SeriesInputs inputs = new SeriesInputs(revision, month.startDay(), context.zone(), tenant.kpi(),
                context.reportingCurrency());
        Series last = seriesByTenant.get(tenant.id());
        if (last != null && last.inputs().equals(inputs)) {
            return last.byCard();
        }
        Map<String, List<KpiCard.Point>> computed = computeSeries(context, month);
        seriesByTenant.put(tenant.id(), new Series(inputs, computed));
        return computed;
    }

    /** What a tenant's daily series are computed from, besides the families' code. */
    private record SeriesInputs(long revision, java.time.LocalDate firstDay, java.time.ZoneId zone,
                                io.odoopulse.tenant.KpiSettings settings, String reportingCurrency) {
    }

    private record Series(SeriesInputs inputs, Map<String, List<KpiCard.Point>> byCard) {
    }

    private Map<String, List<KpiCard.Point>> computeSeries(KpiContext context, KpiWindow month) {
        List<KpiWindow> days = new ArrayList<>();
        for (java.time.LocalDate day = month.startDay(); day.isBefore(month.endDay()); day = day.plusDays(1)) {
            java.time.Instant start = KpiWindow.midnight(day, context.zone());
            days.add(new KpiWindow(day.toString(), 1, start, KpiWindow.midnight(day.plusDays(1), context.zone()),
                    KpiWindow.midnight(day.minusDays(1), context.zone()), context.zone()));
        }
        KpiContext daily = new KpiContext(context.tenant(), context.asOf(), context.zone(), List.copyOf(days),
                context.settings(), context.reportingCurrency(), context.companies(), context.converter(),
                context.revision());
        Map<String, java.util.TreeMap<java.time.LocalDate, java.math.BigDecimal>> byCard = new HashMap<>();
        for (CardFamily family : families) {
            CardFamily each = family.forSeries();
            if (each == null) {
                continue;
            }
            for (KpiCard card : each.cards(daily)) {
                if (card.windowStart() != null && card.company() == null) {
                    byCard.computeIfAbsent(seriesKey(card), k -> new java.util.TreeMap<>())
                            .put(java.time.LocalDate.parse(card.window()), card.value());
                }
            }
        }
        Map<String, List<KpiCard.Point>> series = new HashMap<>();
        byCard.forEach((key, values) -> {
            List<KpiCard.Point> points = new ArrayList<>();
            // A day without records of the card's currency has no card: zero for sums, undefined for the rest.
            for (KpiWindow day : days) {
                java.time.LocalDate local = java.time.LocalDate.parse(day.name());
                points.add(new KpiCard.Point(local, values.get(local)));
            }
            series.put(key, List.copyOf(points));
        });
        return Map.copyOf(series);
    }

    private static String seriesKey(KpiCard card) {
        return card.id() + "|" + java.util.Objects.toString(card.currency(), "");
    }

    private KpiContext context(Tenant tenant, Instant asOf, long revision) {
        Map<Long, KpiContext.CompanyInfo> companies = new HashMap<>();
        jdbc.query("SELECT source_id, name, currency FROM canonical_company WHERE tenant = ? AND deleted_at IS NULL"
                + " ORDER BY source_id", rs -> {
                    companies.put(rs.getLong(1), new KpiContext.CompanyInfo(rs.getString(2), rs.getString(3)));
                }, tenant.id());
        List<CurrencyRate> rates = store.all(CurrencyRate.class, tenant.id());
        String reporting = tenant.kpi().reportingCurrency().orElseGet(() -> mainCurrency(tenant.id(), companies));
        return new KpiContext(tenant.id(), asOf, tenant.timezone(),
                KpiWindow.all(windowsDays, asOf, tenant.timezone()), tenant.kpi(),
                reporting, companies, new CurrencyConverter(rates), revision);
    }

    /** The main (first) company's currency; without companies, the first currency the orders use. */
    private String mainCurrency(String tenant, Map<Long, KpiContext.CompanyInfo> companies) {
        return companies.entrySet().stream().min(Map.Entry.comparingByKey())
                .map(e -> e.getValue().currency())
                .orElseGet(() -> {
                    String first = days == null ? null : days.firstCurrency(tenant);
                    if (first == null) {
                        first = jdbc.queryForObject("SELECT MIN(currency) FROM canonical_order WHERE tenant = ?"
                                + " AND deleted_at IS NULL", String.class, tenant);
                    }
                    return first != null ? first : "USD";
                });
    }
}
