package io.odoopulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.Order;
import io.odoopulse.canonical.OrderStatus;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import org.junit.jupiter.api.Test;

class KpiAggregatorTest {

    private static final Instant AS_OF = Instant.parse("2026-11-22T00:00:00Z");

    private final org.springframework.jdbc.core.JdbcTemplate jdbc = TestDatabase.freshH2();
    private final CanonicalStore store = new CanonicalStore(jdbc);
    private final KpiAggregator aggregator = new KpiAggregator(jdbc, TestTenants.withFixedAsOf("shop", AS_OF),
            List.of(7, 30, 90),
            Clock.fixed(AS_OF.plusSeconds(60), ZoneOffset.UTC));
    private final AtomicLong ids = new AtomicLong();

    @Test
    void revenueCountsOnlyConfirmedOrdersInsideTheWindow() {
        order(OrderStatus.CONFIRMED, "USD", "100.10", AS_OF.minus(Duration.ofDays(1)));
        order(OrderStatus.DRAFT, "USD", "999.00", AS_OF.minus(Duration.ofDays(1)));
        order(OrderStatus.CANCELLED, "USD", "999.00", AS_OF.minus(Duration.ofDays(1)));
        order(OrderStatus.CONFIRMED, "USD", "50.05", AS_OF.minus(Duration.ofDays(20)));

        KpiSnapshot snapshot = aggregator.snapshot("shop");

        assertThat(value(snapshot, "revenue", "7d", "USD")).isEqualByComparingTo("100.10");
        assertThat(value(snapshot, "revenue", "30d", "USD")).isEqualByComparingTo("150.15");
        assertThat(value(snapshot, "orders", "30d", "USD")).isEqualByComparingTo("2");
    }

    @Test
    void aWindowIncludesItsStartAndExcludesTheAsOfInstant() {
        order(OrderStatus.CONFIRMED, "USD", "10.00", AS_OF.minus(Duration.ofDays(7)));
        order(OrderStatus.CONFIRMED, "USD", "20.00", AS_OF);
        order(OrderStatus.CONFIRMED, "USD", "40.00", AS_OF.minus(Duration.ofDays(7)).minusSeconds(1));

        assertThat(value(aggregator.snapshot("shop"), "revenue", "7d", "USD")).isEqualByComparingTo("10.00");
    }

    @Test
    void currenciesAreNeverSummedTogether() {
        order(OrderStatus.CONFIRMED, "USD", "100.00", AS_OF.minus(Duration.ofDays(2)));
        order(OrderStatus.CONFIRMED, "EUR", "30.00", AS_OF.minus(Duration.ofDays(2)));

        KpiSnapshot snapshot = aggregator.snapshot("shop");

        assertThat(value(snapshot, "revenue", "7d", "USD")).isEqualByComparingTo("100.00");
        assertThat(value(snapshot, "revenue", "7d", "EUR")).isEqualByComparingTo("30.00");
    }

    @Test
    void averageOrderValueIsRoundedHalfUpToTheCent() {
        order(OrderStatus.CONFIRMED, "USD", "10.00", AS_OF.minus(Duration.ofDays(1)));
        order(OrderStatus.CONFIRMED, "USD", "10.00", AS_OF.minus(Duration.ofDays(1)));
        order(OrderStatus.CONFIRMED, "USD", "10.01", AS_OF.minus(Duration.ofDays(1)));
        order(OrderStatus.CONFIRMED, "USD", "0.04", AS_OF.minus(Duration.ofDays(1)));

        // 30.05 / 4 = 7.5125
        assertThat(value(aggregator.snapshot("shop"), "aov", "7d", "USD")).isEqualTo(new BigDecimal("7.51"));
    }

    @Test
    void aCurrencyWithoutSalesInAWindowShowsZeroRevenueAndNoAverage() {
        order(OrderStatus.CONFIRMED, "EUR", "30.00", AS_OF.minus(Duration.ofDays(60)));

        KpiSnapshot snapshot = aggregator.snapshot("shop");

        assertThat(value(snapshot, "revenue", "7d", "EUR")).isEqualByComparingTo("0");
        assertThat(value(snapshot, "orders", "7d", "EUR")).isEqualByComparingTo("0");
        assertThat(value(snapshot, "aov", "7d", "EUR")).isNull();
        assertThat(value(snapshot, "revenue", "90d", "EUR")).isEqualByComparingTo("30.00");
    }

    @Test
    void theSnapshotIsAsOfTheTenantsFixedTime() {
        KpiSnapshot snapshot = aggregator.snapshot("shop");

        assertThat(snapshot.asOf()).isEqualTo(AS_OF);
        assertThat(snapshot.tenant()).isEqualTo("shop");
    }

    @Test
    void theDailySeriesOfAnUnchangedStoreAreNotComputedAgain() {
        order(OrderStatus.CONFIRMED, "USD", "10.00", AS_OF.minus(Duration.ofDays(3)));
        order(OrderStatus.CONFIRMED, "USD", "7.00", AS_OF.minus(Duration.ofDays(5)));
        List<KpiCard.Point> first = revenueSeries(aggregator.snapshot("shop"));

        // Behind the store's back, so its revision stays: only a computation would see it.
        jdbc.update("UPDATE canonical_order SET status = 'CANCELLED' WHERE tenant = 'shop' AND source_id = 1");

        assertThat(revenueSeries(aggregator.snapshot("shop"))).isEqualTo(first);
        assertThat(revenueSeries(new KpiAggregator(jdbc, TestTenants.withFixedAsOf("shop", AS_OF), List.of(7, 30, 90),
                Clock.fixed(AS_OF.plusSeconds(60), ZoneOffset.UTC)).snapshot("shop")))
                .as("what a computation sees").isNotEqualTo(first);
    }

    @Test
    void theDailySeriesFollowEveryWriteOfTheStoreAndEveryNewDay() {
        order(OrderStatus.CONFIRMED, "USD", "10.00", AS_OF.minus(Duration.ofDays(3)));
        aggregator.snapshot("shop");

        order(OrderStatus.CONFIRMED, "USD", "5.00", AS_OF.minus(Duration.ofDays(3)));
        store.markDeleted("shop", "sale.order", List.of(1L));
        List<KpiCard.Point> afterWrites = revenueSeries(aggregator.snapshot("shop"));
        Instant nextDay = AS_OF.plus(Duration.ofDays(1));
        List<KpiCard.Point> nextDaySeries = revenueSeries(aggregator.snapshotAt("shop", nextDay));

        KpiAggregator fresh = new KpiAggregator(jdbc, TestTenants.withFixedAsOf("shop", AS_OF), List.of(7, 30, 90),
                Clock.fixed(AS_OF.plusSeconds(60), ZoneOffset.UTC));
        assertThat(afterWrites).isEqualTo(revenueSeries(fresh.snapshot("shop")));
        assertThat(afterWrites).filteredOn(p -> p.day().equals(java.time.LocalDate.parse("2026-11-19")))
                .singleElement().satisfies(p -> assertThat(p.value()).isEqualByComparingTo("5.00"));
        assertThat(nextDaySeries).isEqualTo(revenueSeries(fresh.snapshotAt("shop", nextDay)))
                .isNotEqualTo(afterWrites);
    }

    @Test
    void aSnapshotOfAnUnchangedStoreEqualsAFreshComputationAsTheMinutesAndDaysMoveOn() {
        order(OrderStatus.CONFIRMED, "USD", "10.00", AS_OF.minus(Duration.ofDays(3)));
        order(OrderStatus.CONFIRMED, "USD", "7.00", AS_OF.minus(Duration.ofHours(24)).plusSeconds(30));
        order(OrderStatus.CONFIRMED, "USD", "3.00", AS_OF.plusSeconds(30));
        order(OrderStatus.CONFIRMED, "EUR", "4.00", AS_OF.plus(Duration.ofHours(2)));
        List<Instant> ticks = List.of(AS_OF, AS_OF.plusSeconds(60), AS_OF.plusSeconds(120), AS_OF.plus(
                Duration.ofHours(3)), AS_OF.plus(Duration.ofDays(1)), AS_OF.plus(Duration.ofDays(1)).plusSeconds(60));

        for (Instant tick : ticks) {
            KpiAggregator fresh = new KpiAggregator(jdbc, TestTenants.withFixedAsOf("shop", AS_OF), List.of(7, 30, 90),
                    Clock.fixed(AS_OF.plusSeconds(60), ZoneOffset.UTC));
            assertThat(aggregator.snapshotAt("shop", tick).cards()).as("as of %s", tick)
                    .isEqualTo(fresh.snapshotAt("shop", tick).cards());
        }
        assertThat(value(aggregator.snapshotAt("shop", AS_OF.plusSeconds(60)), "other-sales-revenue", "t",
                "USD")).as("today's order, read again as the minute moved")
                .isEqualByComparingTo("3.00");
    }

    @Test
    void ordersOnTheEdgesOfTheMovingWindowsCountFromTheDaySumsAsFromTheOrders() {
        // Mid-afternoon: T, 24H and 24H's previous period each cut a day, which the day sums cannot give whole.
        Instant asOf = AS_OF.plus(Duration.ofHours(15)).plusSeconds(17 * 60);
        Instant dayAgo = asOf.minus(Duration.ofHours(24));
        Instant twoDaysAgo = asOf.minus(Duration.ofHours(48));
        String[] amounts = {"1", "2", "4", "8", "16", "32", "64", "128", "256", "512", "1024", "2048"};
        int i = 0;
        for (Instant edge : List.of(AS_OF, dayAgo, twoDaysAgo, asOf)) {
            for (long second : List.of(-1L, 0L, 1L)) {
                order(OrderStatus.CONFIRMED, "USD", amounts[i++], edge.plusSeconds(second));
            }
        }
        KpiAggregator fromDaySums = KpiAggregator.incremental(jdbc, TestTenants.withFixedAsOf("shop", AS_OF),
                List.of(7, 30, 90), Clock.fixed(asOf, ZoneOffset.UTC));

        KpiSnapshot snapshot = fromDaySums.snapshotAt("shop", asOf);

        // T: today's midnight and the second after it, and the second before the as-of time.
        assertThat(value(snapshot, "revenue", "t", "USD")).isEqualByComparingTo("518");
        // 24H: from a day ago, inclusive, to the as-of time, exclusive; its previous period the day before.
        assertThat(value(snapshot, "revenue", "24h", "USD")).isEqualByComparingTo("567");
        assertThat(card(snapshot, "revenue", "24h", "USD").previousValue()).isEqualByComparingTo("392");
        assertThat(snapshot.cards().stream().filter(c -> c.id().equals("revenue") || c.id().equals("orders")).toList())
                .isEqualTo(aggregator.snapshotAt("shop", asOf).cards().stream()
                        .filter(c -> c.id().equals("revenue") || c.id().equals("orders")).toList());
    }

    @Test
    void instancesSharingTheStoreFollowEveryWriteAsAFreshComputationDoes() {
        // Two instances keeping the day sums and customer activity in one database, taking the tick in turns.
        List<KpiAggregator> instances = List.of(incremental(), incremental());
        order(OrderStatus.CONFIRMED, "USD", "10.00", AS_OF.minus(Duration.ofDays(3)));
        // Written in Odoo in the order they come, as a pull reads them.
        List<Runnable> writes = List.of(
                () -> order(OrderStatus.CONFIRMED, "USD", "5.00", AS_OF.minus(Duration.ofHours(2)), AS_OF),
                () -> {},
                () -> store.markDeleted("shop", "sale.order", List.of(1L)),
                () -> order(OrderStatus.CONFIRMED, "EUR", "4.00", AS_OF.minus(Duration.ofDays(40)),
                        AS_OF.plusSeconds(60)),
                () -> {});
        Instant tick = AS_OF;
        for (int i = 0; i < writes.size(); i++) {
            for (KpiAggregator instance : List.of(instances.get(i % 2), instances.get(i % 2), instances.get(1 - i % 2))) {
                assertThat(instance.snapshotAt("shop", tick).cards()).as("write %d, as of %s", i, tick)
                        .isEqualTo(aggregator.snapshotAt("shop", tick).cards());
                tick = tick.plusSeconds(60);
            }
            writes.get(i).run();
        }
    }

    private KpiAggregator incremental() {
        return KpiAggregator.incremental(jdbc, TestTenants.withFixedAsOf("shop", AS_OF), List.of(7, 30, 90),
                Clock.fixed(AS_OF.plusSeconds(60), ZoneOffset.UTC));
    }

    private static List<KpiCard.Point> revenueSeries(KpiSnapshot snapshot) {
        return snapshot.cards().stream().filter(c -> c.id().equals("revenue") && "USD".equals(c.currency())
                && c.series() != null && c.company() == null).findFirst().orElseThrow().series();
    }

    private void order(OrderStatus status, String currency, String total, Instant orderedAt) {
        order(status, currency, total, orderedAt, orderedAt);
    }

    private void order(OrderStatus status, String currency, String total, Instant orderedAt, Instant writtenAt) {
        long id = ids.incrementAndGet();
        store.upsert(new Order("shop", "odoo", "sale.order", id, "17.0", "S" + id, status, orderedAt, currency, 1L,
                "Co", 7L, new BigDecimal(total), BigDecimal.ZERO, new BigDecimal(total), writtenAt));
    }

    private static KpiCard card(KpiSnapshot snapshot, String card, String window, String currency) {
        return snapshot.cards().stream().filter(c -> c.id().equals(card) && c.window().equals(window)
                && currency.equals(c.currency()) && c.company() == null).findFirst().orElseThrow();
    }

    private static BigDecimal value(KpiSnapshot snapshot, String card, String window, String currency) {
        return snapshot.cards().stream()
                .filter(c -> c.id().equals(card) && c.window().equals(window) && currency.equals(c.currency()))
                .findFirst().orElseThrow(() -> new AssertionError("no card " + card + " " + window + " " + currency))
                .value();
    }
}
