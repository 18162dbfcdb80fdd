package io.odoopulse.kpi;

import static io.odoopulse.kpi.TruthChecks.card;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.Company;
import io.odoopulse.canonical.DocumentStatus;
import io.odoopulse.canonical.Order;
import io.odoopulse.canonical.OrderStatus;
import io.odoopulse.canonical.PartnerRole;
import io.odoopulse.canonical.Payment;
import io.odoopulse.canonical.PaymentDirection;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import io.odoopulse.tenant.KpiSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Nerve Centre's windows (T, 24H, 7D, 30D, 90D, each with vsP) in a Berlin tenant, as of an afternoon on the day
 * summer time ends (a 25-hour day) and on one a few days after it starts (a 23-hour day inside 7D). The oracle
 * works on local dates and wall clocks with plain loops over the generated records, not with the aggregator's
 * instants; the full and the incremental aggregators must both agree with it.
 */
class NerveCentreWindowsOracleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final String T = "dst";

    @ParameterizedTest(name = "as of {0} Berlin")
    @ValueSource(strings = {"2026-10-25T14:37:42", "2026-04-01T09:15:30"})
    void everyWindowAndItsPreviousPeriodAgreeWithTheOracle(String localAsOf) {
        Instant asOf = LocalDateTime.parse(localAsOf).atZone(BERLIN).toInstant();
        try (TestDatabase.Handle db = TestDatabase.h2()) {
            List<Order> orders = new ArrayList<>();
            List<Payment> payments = new ArrayList<>();
            generate(asOf, orders, payments);
            CanonicalStore store = new CanonicalStore(db.jdbc());
            store.storeAll(List.of(new Company(T, "odoo", "res.company", 1, "17.0", "US Inc", "USD", null, true,
                    asOf)));
            store.storeAll(orders);
            store.storeAll(payments);
            var tenants = TestTenants.with(T, null, BERLIN, KpiSettings.defaults());
            Clock clock = Clock.fixed(asOf, ZoneOffset.UTC);
            for (KpiAggregator aggregator : List.of(new KpiAggregator(db.jdbc(), tenants, List.of(7, 30, 90), clock),
                    KpiAggregator.incremental(db.jdbc(), tenants, List.of(7, 30, 90), clock))) {
                KpiSnapshot snapshot = aggregator.snapshotAt(T, asOf);
                check(snapshot, asOf, orders, payments);
                checkSeries(snapshot, asOf, orders);
                checkCustomerSeries(snapshot, asOf, orders);
            }
        }
    }

    private static void check(KpiSnapshot snapshot, Instant asOf, List<Order> orders, List<Payment> payments) {
        ZonedDateTime now = asOf.atZone(BERLIN).truncatedTo(ChronoUnit.MINUTES);
        LocalDate today = now.toLocalDate();
        for (String window : List.of("7d", "30d", "90d", "t", "24h")) {
            // Orders: by local date for whole days, by wall clock for T, by elapsed time for 24H.
            Predicate<Instant> in;
            Predicate<Instant> before;
            Predicate<LocalDate> paidIn;
            Predicate<LocalDate> paidBefore;
            Instant start;
            if (window.endsWith("d")) {
                int n = Integer.parseInt(window.substring(0, window.length() - 1));
                in = at -> within(local(at), today.minusDays(n), today);
                before = at -> within(local(at), today.minusDays(2L * n), today.minusDays(n));
                paidIn = day -> within(day, today.minusDays(n), today);
                paidBefore = day -> within(day, today.minusDays(2L * n), today.minusDays(n));
                start = today.minusDays(n).atStartOfDay(BERLIN).toInstant();
            } else if (window.equals("t")) {
                Instant midnight = today.atStartOfDay(BERLIN).toInstant();
                Duration sofar = Duration.between(midnight, now.toInstant());
                in = at -> local(at).equals(today) && at.isBefore(now.toInstant());
                before = at -> !at.isBefore(midnight.minus(sofar)) && at.isBefore(midnight);
                paidIn = today::equals;
                paidBefore = day -> day.isBefore(today) && !day.atStartOfDay(BERLIN).toInstant()
                        .isBefore(midnight.minus(sofar));
                start = midnight;
            } else {
                Instant end = now.toInstant();
                in = at -> !at.isBefore(end.minusSeconds(86_400)) && at.isBefore(end);
                before = at -> !at.isBefore(end.minusSeconds(2 * 86_400)) && at.isBefore(end.minusSeconds(86_400));
                paidIn = today::equals; // the one local midnight within the 24 hours
                paidBefore = today.minusDays(1)::equals;
                start = end.minusSeconds(86_400);
            }
            BigDecimal revenue = BigDecimal.ZERO;
            BigDecimal previous = BigDecimal.ZERO;
            long count = 0;
            for (Order o : orders) {
                if (o.status() != OrderStatus.CONFIRMED) {
                    continue;
                }
                if (in.test(o.orderedAt())) {
                    revenue = revenue.add(o.amountTotal());
                    count++;
                } else if (before.test(o.orderedAt())) {
                    previous = previous.add(o.amountTotal());
                }
            }
            KpiCard card = card(snapshot, "revenue", window, "USD");
            assertThat(card.value()).as("revenue %s", window).isEqualByComparingTo(revenue);
            assertThat(card.previousValue()).as("revenue vsP %s", window).isEqualByComparingTo(previous);
            assertThat(card.windowStart()).as("start of %s", window).isEqualTo(start);
            assertThat(card(snapshot, "orders", window, "USD").value()).as("orders %s", window)
                    .isEqualByComparingTo(BigDecimal.valueOf(count));
            BigDecimal paid = BigDecimal.ZERO;
            BigDecimal paidPrevious = BigDecimal.ZERO;
            for (Payment p : payments) {
                paid = paidIn.test(p.paidOn()) ? paid.add(p.amount()) : paid;
                paidPrevious = paidBefore.test(p.paidOn()) ? paidPrevious.add(p.amount()) : paidPrevious;
            }
            KpiCard received = card(snapshot, "payments", window, "USD");
            assertThat(received.value()).as("payments %s", window).isEqualByComparingTo(paid);
            assertThat(received.previousValue()).as("payments vsP %s", window).isEqualByComparingTo(paidPrevious);
        }
    }

    /** The 30D card's series: one point per local day of the window, each that day's confirmed revenue. */
    private static void checkSeries(KpiSnapshot snapshot, Instant asOf, List<Order> orders) {
        LocalDate today = asOf.atZone(BERLIN).toLocalDate();
        KpiCard month = card(snapshot, "revenue", "30d", "USD");
        assertThat(month.series()).hasSize(30);
        assertThat(month.series().get(0).day()).isEqualTo(today.minusDays(30));
        assertThat(month.series().get(29).day()).isEqualTo(today.minusDays(1));
        for (KpiCard.Point point : month.series()) {
            BigDecimal day = orders.stream().filter(o -> o.status() == OrderStatus.CONFIRMED
                    && local(o.orderedAt()).equals(point.day())).map(Order::amountTotal)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(point.value()).as("revenue of %s", point.day()).isEqualByComparingTo(day);
        }
        assertThat(card(snapshot, "revenue", "7d", "USD").series()).as("only the 30D cards carry it").isNull();
    }

    /**
     * The customer cards' series: a customer ordering on a day is new that day when that day holds its first confirmed
     * order ever, returning otherwise.
     */
    private static void checkCustomerSeries(KpiSnapshot snapshot, Instant asOf, List<Order> orders) {
        java.util.Map<Long, LocalDate> first = new java.util.HashMap<>();
        for (Order o : orders) {
            if (o.status() == OrderStatus.CONFIRMED) {
                first.merge(o.customerId(), local(o.orderedAt()), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<KpiCard.Point> fresh = card(snapshot, "new-customers", "30d", null).series();
        List<KpiCard.Point> returning = card(snapshot, "repeat-customers", "30d", null).series();
        List<KpiCard.Point> rate = card(snapshot, "repeat-customer-rate", "30d", null).series();
        assertThat(fresh).hasSize(30);
        long newOnSomeDay = 0;
        for (int i = 0; i < 30; i++) {
            LocalDate day = fresh.get(i).day();
            java.util.Set<Long> active = new java.util.TreeSet<>();
            for (Order o : orders) {
                if (o.status() == OrderStatus.CONFIRMED && local(o.orderedAt()).equals(day)) {
                    active.add(o.customerId());
                }
            }
            long isNew = active.stream().filter(c -> first.get(c).equals(day)).count();
            newOnSomeDay += isNew;
            assertThat(fresh.get(i).value()).as("new customers on %s", day).isEqualByComparingTo(
                    BigDecimal.valueOf(isNew));
            assertThat(returning.get(i).value()).as("returning customers on %s", day).isEqualByComparingTo(
                    BigDecimal.valueOf(active.size() - isNew));
            if (active.isEmpty()) {
                assertThat(rate.get(i).value()).as("repeat rate on %s", day).isNull();
            } else {
                assertThat(rate.get(i).value()).as("repeat rate on %s", day).isEqualByComparingTo(BigDecimal.valueOf(
                        active.size() - isNew).divide(BigDecimal.valueOf(active.size()), 4,
                        java.math.RoundingMode.HALF_EVEN));
            }
        }
        assertThat(newOnSomeDay).as("the data has new customers within the window").isPositive();
    }

    private static void generate(Instant asOf, List<Order> orders, List<Payment> payments) {
        Random random = new Random(asOf.getEpochSecond());
        for (long id = 1; id <= 2500; id++) {
            // Dense around the last two days (T, 24H and their vsP), sparse over 190 days.
            long minutes = id % 2 == 0 ? random.nextInt(3 * 24 * 60) : random.nextInt(190 * 24 * 60);
            Instant at = asOf.minus(minutes, ChronoUnit.MINUTES).minusSeconds(random.nextInt(60));
            OrderStatus status = random.nextInt(4) == 0 ? OrderStatus.DRAFT : OrderStatus.CONFIRMED;
            BigDecimal total = BigDecimal.valueOf(random.nextInt(500_000) + 1, 2);
            // Regulars ordering again and again, and customers of a single order (new on its day).
            long customer = id % 3 == 0 ? 10_000 + id : 1 + id % 90;
            orders.add(new Order(T, "odoo", "sale.order", id, "17.0", "S" + id, status, at, "USD", 1L, "US Inc",
                    customer, total, BigDecimal.ZERO, total, at));
        }
        LocalDate today = asOf.atZone(BERLIN).toLocalDate();
        for (long id = 1; id <= 400; id++) {
            LocalDate paidOn = today.minusDays(random.nextInt(id % 2 == 0 ? 3 : 190));
            payments.add(new Payment(T, "odoo", "account.payment", id, "17.0", "PAY" + id, DocumentStatus.POSTED,
                    paidOn, PaymentDirection.INBOUND, PartnerRole.CUSTOMER, 1L, "c",
                    BigDecimal.valueOf(random.nextInt(100_000) + 1, 2), "USD", 1L, "US Inc", 6L, "Bank", "manual",
                    true, asOf));
        }
    }

    private static LocalDate local(Instant at) {
        return at.atZone(BERLIN).toLocalDate();
    }

    private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
        return !day.isBefore(from) && day.isBefore(to);
    }
}
