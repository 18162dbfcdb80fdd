package io.odoopulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.Order;
import io.odoopulse.canonical.OrderStatus;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import io.odoopulse.tenant.KpiSettings;
import org.junit.jupiter.api.Test;

/**
 * The customer cards kept up to date between snapshots follow what a full recompute sees when an order moves within
 * its own day across a window's edge (the trailing 24 hours: the whole-day windows' edges are midnights), and when time moves a window's edge across an order.
 */
class CustomerActivityTest {

    private static final String T = "act";
    private static final Instant AS_OF = Instant.parse("2026-11-22T13:00:00Z");
    private static final Instant DAY_BEFORE = Instant.parse("2026-11-21T13:00:00Z");

    @Test
    void anOrderMovedWithinItsDayIntoTheWindowMakesItsCustomerNew() {
        try (TestDatabase.Handle db = TestDatabase.h2()) {
            CanonicalStore store = new CanonicalStore(db.jdbc());
            KpiAggregator incremental = aggregator(db, AS_OF);
            store.storeAll(List.of(order(1, DAY_BEFORE.minusSeconds(3_600),
                    Instant.parse("2026-11-20T00:00:00Z"))));
            assertThat(newCustomers(incremental.snapshotAt(T, AS_OF))).isZero();

            // Two hours later the same day: no day sum changes, but the order is now inside the trailing 24 hours.
            store.storeAll(List.of(order(1, DAY_BEFORE.plusSeconds(3_600),
                    Instant.parse("2026-11-21T00:00:00Z"))));

            assertThat(newCustomers(incremental.snapshotAt(T, AS_OF))).isEqualTo(1);
        }
    }

    @Test
    void aCustomerWhoseOnlyOrderFallsOutOfTheWindowAsTimeGoesOnIsNoLongerCounted() {
        try (TestDatabase.Handle db = TestDatabase.h2()) {
            new CanonicalStore(db.jdbc()).storeAll(List.of(order(1, DAY_BEFORE.plusSeconds(60),
                    Instant.parse("2026-11-20T00:00:00Z"))));
            KpiAggregator incremental = aggregator(db, AS_OF);
            assertThat(newCustomers(incremental.snapshotAt(T, AS_OF))).isEqualTo(1);

            // Two minutes on, the 24 hours start after the order; nothing in the store changed.
            KpiSnapshot later = incremental.snapshotAt(T, AS_OF.plusSeconds(120));

            assertThat(newCustomers(later)).isZero();
            KpiAggregator full = new KpiAggregator(db.jdbc(), tenants(), List.of(7, 30, 90),
                    Clock.fixed(AS_OF, ZoneOffset.UTC));
            assertThat(later.cards()).isEqualTo(full.snapshotAt(T, AS_OF.plusSeconds(120)).cards());
        }
    }

    @Test
    void theKeptPeriodsReadBackToTheNanosecond() {
        List<Instant[]> periods = List.<Instant[]>of(new Instant[] {Instant.parse("2026-11-15T13:00:00.123456789Z"),
                Instant.parse("2026-11-22T13:00:00.000000001Z")});

        List<Instant[]> read = CustomerActivity.decode(CustomerActivity.encode(periods));

        assertThat(read.get(0)).isEqualTo(periods.get(0));
    }

    private static KpiAggregator aggregator(TestDatabase.Handle db, Instant clock) {
        return KpiAggregator.incremental(db.jdbc(), tenants(), List.of(7, 30, 90), Clock.fixed(clock, ZoneOffset.UTC));
    }

    private static io.odoopulse.tenant.TenantRegistry tenants() {
        return TestTenants.with(T, null, ZoneId.of("UTC"), KpiSettings.defaults());
    }

    private static long newCustomers(KpiSnapshot snapshot) {
        return TruthChecks.card(snapshot, "new-customers", "24h", null).value().longValueExact();
    }

    private static Order order(long id, Instant orderedAt, Instant updatedAt) {
        return new Order(T, "odoo", "sale.order", id, "17.0", "S" + id, OrderStatus.CONFIRMED, orderedAt, "USD", 1L,
                "US Inc", 7L, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("120.00"), updatedAt);
    }
}
