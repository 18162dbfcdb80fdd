package io.odoopulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.Company;
import io.odoopulse.canonical.CurrencyRate;
import io.odoopulse.canonical.Order;
import io.odoopulse.canonical.OrderStatus;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import io.odoopulse.tenant.KpiSettings;
import io.odoopulse.tenant.TenantRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * After every round of random changes (new orders, amounts and dates changed, orders cancelled, confirmed again,
 * moved to another company or customer, deleted), the sales and customer cards kept up to date from the changed
 * orders alone
 * equal those computed from scratch, card for card and breakdown for breakdown: as of a local midnight, as of a time
 * of day that cuts the edge days, as of a past day with orders after it, and as of a time that moves on a few
 * minutes each round (only customers with orders in the slices the edges crossed are looked at again). Auckland crosses a DST change inside the
 * windows; a tenant in UTC has no DST change at all.
 */
class IncrementalOrderCardsIT {

    private static final ZoneId ZONE = ZoneId.of("Pacific/Auckland");
    private static final Instant MIDNIGHT = ZonedDateTime.of(2026, 11, 22, 0, 0, 0, 0, ZONE).toInstant();
    private static final Instant MID_DAY = MIDNIGHT.plusSeconds(13 * 3600 + 17 * 60 + 5);
    /** Before some orders: customers' first and last orders are then bounded by the as-of time. */
    private static final Instant PAST = MIDNIGHT.minusSeconds(86_400L * 20 + 3_600);
    private static final List<String> ORDER_CARDS = List.of("revenue", "orders", "aov", "revenue-total", "order-mix",
            "cancellation-rate", "new-customers", "repeat-customers", "repeat-customer-rate", "churn-risk",
            "churn-risk-value", "top-customers");
    private static final String T = "inc";

    private final Random random = new Random(7);
    private final Map<Long, Order> live = new LinkedHashMap<>();
    private Instant clock = MIDNIGHT.minusSeconds(86_400L * 400);
    private long nextId = 1;

    @ParameterizedTest(name = "{0}, tenant in {1}")
    @CsvSource({"h2, Pacific/Auckland", "postgresql, Pacific/Auckland", "h2, UTC"})
    void cardsFollowingChangedOrdersEqualAFullRecomputeAfterEveryRound(String database, String tenantZone) {
        try (TestDatabase.Handle db = database.equals("h2") ? TestDatabase.h2() : TestDatabase.postgres()) {
            CanonicalStore store = new CanonicalStore(db.jdbc());
            store.storeAll(List.of(
                    new Company(T, "odoo", "res.company", 1, "17.0", "US Inc", "USD", null, true, clock),
                    new Company(T, "odoo", "res.company", 2, "17.0", "EU BV", "EUR", null, true, clock)));
            List<CurrencyRate> rates = new ArrayList<>();
            LocalDate day = LocalDate.of(2026, 1, 1);
            for (int i = 0; i < 330; i++, day = day.plusDays(1)) {
                rates.add(new CurrencyRate(T, "odoo", "res.currency.rate", i + 1, "17.0", "EUR", day,
                        new BigDecimal("0.9").add(BigDecimal.valueOf(random.nextInt(1000), 4)), 1L, "US Inc", clock));
            }
            store.storeAll(rates);
            TenantRegistry tenants = TestTenants.with(T, null, ZoneId.of(tenantZone), KpiSettings.defaults());
            Clock fixed = Clock.fixed(MIDNIGHT, ZoneOffset.UTC);
            KpiAggregator full = new KpiAggregator(db.jdbc(), tenants, List.of(7, 30, 90), fixed);
            KpiAggregator incremental = KpiAggregator.incremental(db.jdbc(), tenants, List.of(7, 30, 90), fixed);

            store.storeAll(changes(400));
            for (int round = 0; round < 8; round++) {
                if (round > 0) {
                    store.storeAll(changes(25));
                    List<Long> gone = deletions(3);
                    store.markDeleted(T, "sale.order", gone);
                }
                // The last one runs on like a clock, a few minutes a round: the windows' edges move a little.
                for (Instant asOf : List.of(MIDNIGHT, MID_DAY, PAST, MID_DAY.plusSeconds(round * 437L))) {
                    int r = round;
                    assertThat(sales(() -> incremental.snapshotAt(T, asOf)))
                            .as("round %d as of %s", r, asOf)
                            .isEqualTo(sales(() -> full.snapshotAt(T, asOf)));
                }
            }
            assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM kpi_order_contribution WHERE tenant = ?",
                    Long.class, T)).as("orders remembered").isEqualTo(live.size());
        }
    }

    /** The cards computed from orders, without the time the snapshot was generated. */
    private static List<KpiCard> sales(Supplier<KpiSnapshot> snapshot) {
        return snapshot.get().cards().stream().filter(c -> ORDER_CARDS.contains(c.id())).toList();
    }

    /** New orders and changes to existing ones, each newer than the stored version. */
    private List<Order> changes(int count) {
        List<Order> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clock = clock.plusSeconds(1 + random.nextInt(5));
            Order order;
            if (live.isEmpty() || random.nextInt(3) == 0) {
                order = order(nextId++);
            } else {
                Order old = pick();
                order = switch (random.nextInt(7)) {
                    case 0 -> with(old, OrderStatus.CANCELLED, old.orderedAt(), old.amountTotal(), old.companyId());
                    case 1 -> with(old, OrderStatus.CONFIRMED, old.orderedAt(), old.amountTotal(), old.companyId());
                    case 2 -> with(old, old.status(), old.orderedAt(), amount(), old.companyId());
                    case 3 -> with(old, old.status(), orderedAt(), old.amountTotal(), old.companyId());
                    case 4 -> with(old, old.status(), old.orderedAt(), old.amountTotal(),
                            old.companyId() == 1L ? 2L : 1L);
                    // Mostly within its own day: no day sum changes, but first/last orders and edge days may.
                    case 5 -> with(old, old.status(), old.orderedAt().plusSeconds(random.nextInt(7_200) - 3_600),
                            old.amountTotal(), old.companyId());
                    default -> new Order(T, "odoo", "sale.order", old.sourceId(), "17.0", old.name(), old.status(),
                            old.orderedAt(), old.currency(), old.companyId(), old.company(),
                            (long) random.nextInt(50), BigDecimal.ZERO, BigDecimal.ZERO, old.amountTotal(), clock);
                };
            }
            live.put(order.sourceId(), order);
            out.add(order);
        }
        return out;
    }

    private List<Long> deletions(int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count && !live.isEmpty(); i++) {
            ids.add(live.remove(pick().sourceId()).sourceId());
        }
        return ids;
    }

    private Order pick() {
        List<Order> all = new ArrayList<>(live.values());
        return all.get(random.nextInt(all.size()));
    }

    private Order order(long id) {
        OrderStatus status = OrderStatus.values()[random.nextInt(OrderStatus.values().length)];
        long company = 1 + random.nextInt(2);
        return new Order(T, "odoo", "sale.order", id, "17.0", "S" + id, status, orderedAt(),
                random.nextBoolean() ? "EUR" : "USD", company, company == 1 ? "US Inc" : "EU BV",
                (long) random.nextInt(50), BigDecimal.ZERO, BigDecimal.ZERO, amount(), clock);
    }

    private Order with(Order o, OrderStatus status, Instant at, BigDecimal amount, Long company) {
        return new Order(T, "odoo", "sale.order", o.sourceId(), "17.0", o.name(), status, at, o.currency(), company,
                company == 1L ? "US Inc" : "EU BV", o.customerId(), BigDecimal.ZERO, BigDecimal.ZERO, amount, clock);
    }

    /** Within the 90-day window and its previous period, some on the edge days and the DST change. */
    private Instant orderedAt() {
        return MIDNIGHT.minusSeconds(1 + random.nextLong(86_400L * 190));
    }

    private BigDecimal amount() {
        return BigDecimal.valueOf(random.nextInt(500_000), 2);
    }
}
