package io.odoopulse.kpi;

import static io.odoopulse.kpi.TruthChecks.card;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.Company;
import io.odoopulse.canonical.LocationKind;
import io.odoopulse.canonical.MoveStatus;
import io.odoopulse.canonical.Product;
import io.odoopulse.canonical.ProductKind;
import io.odoopulse.canonical.StockLevel;
import io.odoopulse.canonical.StockMove;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import io.odoopulse.tenant.KpiSettings;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Slow movers as the as-of time moves on over an unchanged store (ticks a minute apart, across local midnight and
 * whole days), against an oracle over the moves themselves: on hand, and no done move out of an internal location in
 * the {@code kpi.slow-mover-days} before the as-of time, days taken on the tenant's calendar.
 */
class SlowMoversTest {

    private static final ZoneId ZONE = ZoneId.of("Pacific/Auckland");
    private static final Instant AS_OF = ZonedDateTime.of(2026, 11, 22, 23, 58, 0, 0, ZONE).toInstant();
    private static final int DAYS = 2;
    private static final String T = "slow";

    private final JdbcTemplate jdbc = TestDatabase.freshH2();
    private final CanonicalStore store = new CanonicalStore(jdbc);
    private final List<StockMove> moves = new ArrayList<>();

    @Test
    void slowMoversFollowTheMinutesAndDaysOfAnUnchangedStore() {
        store.storeAll(List.of(new Company(T, "odoo", "res.company", 1, "17.0", "Co", "USD", null, true, AS_OF)));
        // Each product's only move out, placed around the edges the look-back crosses as the minutes move on.
        List<Instant> lastOut = List.of(
                AS_OF.minusSeconds(30),                                        // today, before the as-of time
                AS_OF.plusSeconds(30),                                         // after it: counts from the next tick
                AS_OF.plus(Duration.ofMinutes(3)),                             // tomorrow (local), a few ticks later
                AS_OF.atZone(ZONE).minusDays(DAYS).toInstant(),                // exactly at the look-back's start
                AS_OF.atZone(ZONE).minusDays(DAYS).toInstant().minusSeconds(1),// just before it
                AS_OF.atZone(ZONE).minusDays(DAYS).toInstant().plusSeconds(90),// leaves the look-back two ticks on
                AS_OF.atZone(ZONE).minusDays(1).toInstant(),                   // yesterday, same time
                AS_OF.atZone(ZONE).toLocalDate().atStartOfDay(ZONE).toInstant(), // today's midnight
                AS_OF.minus(Duration.ofDays(30)));                             // long ago
        List<Product> products = new ArrayList<>();
        List<StockLevel> levels = new ArrayList<>();
        for (int i = 0; i < lastOut.size(); i++) {
            long id = i + 1;
            products.add(new Product(T, "odoo", "product.product", id, "17.0", "P" + id, "R" + id, null, id, "All",
                    ProductKind.GOODS, true, BigDecimal.TEN, "USD", null, null, true, true, true, true, AS_OF));
            levels.add(new StockLevel(T, "odoo", "stock.quant", id, "17.0", id, "P" + id, 8L, "WH/Stock", 1L, "Co",
                    BigDecimal.valueOf(5), BigDecimal.ZERO, AS_OF));
            moves.add(new StockMove(T, "odoo", "stock.move", id, "17.0", "M" + id, id, "P" + id, BigDecimal.ONE,
                    MoveStatus.DONE, lastOut.get(i), 8L, "WH/Stock", LocationKind.INTERNAL, 5L, "Customers",
                    LocationKind.CUSTOMER, 1L, "Co", AS_OF));
        }
        store.storeAll(products);
        store.storeAll(levels);
        store.storeAll(moves);
        KpiSettings settings = new KpiSettings(Optional.of("USD"), BigDecimal.ONE, DAYS, 45, Map.of());
        KpiAggregator aggregator = new KpiAggregator(jdbc, TestTenants.with(T, AS_OF, ZONE, settings),
                List.of(7, 30, 90), Clock.fixed(AS_OF, ZoneOffset.UTC));

        for (Instant tick = AS_OF; tick.isBefore(AS_OF.plus(Duration.ofMinutes(6))); tick = tick.plusSeconds(60)) {
            assertThat(card(aggregator.snapshotAt(T, tick), "slow-movers", "now", null).value()).as("as of %s", tick)
                    .isEqualByComparingTo(BigDecimal.valueOf(slowMovers(tick)));
        }
        Instant days = AS_OF.plus(Duration.ofDays(1));
        assertThat(card(aggregator.snapshotAt(T, days), "slow-movers", "now", null).value())
                .isEqualByComparingTo(BigDecimal.valueOf(slowMovers(days)));
    }

    private long slowMovers(Instant asOf) {
        Instant since = asOf.atZone(ZONE).minusDays(DAYS).toInstant();
        return moves.stream().filter(m -> m.movedAt().isBefore(since) || !m.movedAt().isBefore(asOf)).count();
    }
}
