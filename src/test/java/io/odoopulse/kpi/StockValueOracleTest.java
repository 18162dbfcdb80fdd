package io.odoopulse.kpi;

import static io.odoopulse.kpi.TruthChecks.card;
import static io.odoopulse.kpi.TruthChecks.part;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.Company;
import io.odoopulse.canonical.LocationKind;
import io.odoopulse.canonical.MoveStatus;
import io.odoopulse.canonical.StockLevel;
import io.odoopulse.canonical.StockMove;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import io.odoopulse.tenant.KpiSettings;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The inventory value and its slow-moving share against an oracle of plain loops over generated quants and moves,
 * in a Los Angeles tenant whose 90-day look-back crosses the end of summer time (1 November 2026): the window starts
 * at the same local time 90 days back, an hour later in UTC than 90 × 24 hours would say.
 */
class StockValueOracleTest {

    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private static final Instant AS_OF = ZonedDateTime.of(2026, 11, 22, 9, 30, 0, 0, ZONE).toInstant();
    private static final Instant SINCE = AS_OF.atZone(ZONE).minusDays(90).toInstant();
    private static final String T = "valued";
    /** Internal locations of the USD company (8) and the EUR company (30); customers (5) and vendors (4). */
    private static final Map<Long, Long> COMPANY_OF = Map.of(8L, 1L, 30L, 2L);

    private final JdbcTemplate jdbc = TestDatabase.freshH2();
    private final Random random = new Random(2611);

    @Test
    void theSlowMovingShareIsTheValueOfProductsWithNoMoveOutForNinetyLocalDaysOverTheInventoryValuePerCurrency() {
        List<StockLevel> quants = new ArrayList<>();
        List<StockMove> moves = new ArrayList<>();
        long quantId = 1;
        long moveId = 1;
        for (long product = 1; product <= 80; product++) {
            for (long location : List.of(8L, 30L, 5L)) {
                if (random.nextInt(4) == 0) {
                    continue;
                }
                BigDecimal qty = BigDecimal.valueOf(random.nextInt(60) - 5);
                BigDecimal value = qty.multiply(BigDecimal.valueOf(random.nextInt(90_000) + 100, 2));
                Long company = COMPANY_OF.get(location);
                quants.add(new StockLevel(T, "odoo", "stock.quant", quantId++, "17.0", product, "P" + product,
                        location, location == 5 ? "Partners/Customers" : "WH/Stock", company, "C" + company, qty,
                        BigDecimal.ZERO, AS_OF, value));
            }
            // The product's last moves: out to a customer, in from a vendor, or between the shelves.
            for (int n = random.nextInt(3); n > 0; n--) {
                Instant at = AS_OF.minus(Duration.ofHours(random.nextInt(24 * 200)));
                moves.add(move(moveId++, product, at, random.nextInt(3),
                        random.nextInt(10) == 0 ? MoveStatus.PENDING : MoveStatus.DONE));
            }
        }
        // At the edge of the window, products sold nothing else: 81 just after its local start (inside, where a
        // window of 90 × 24 hours would leave it out), 82 just before it, 83 after the as-of time.
        for (long product = 81; product <= 83; product++) {
            quants.add(new StockLevel(T, "odoo", "stock.quant", quantId++, "17.0", product, "P" + product, 8L,
                    "WH/Stock", 1L, "C1", BigDecimal.TEN, BigDecimal.ZERO, AS_OF, BigDecimal.valueOf(product * 10)));
        }
        moves.add(move(moveId++, 81, SINCE.plus(Duration.ofMinutes(30)), 0, MoveStatus.DONE));
        moves.add(move(moveId++, 82, SINCE.minus(Duration.ofMinutes(30)), 0, MoveStatus.DONE));
        moves.add(move(moveId++, 83, AS_OF.plus(Duration.ofMinutes(5)), 0, MoveStatus.DONE));

        KpiSnapshot snapshot = snapshot(quants, moves);

        Set<Long> movedOut = new HashSet<>();
        for (StockMove move : moves) {
            if (move.status() == MoveStatus.DONE && move.fromKind() == LocationKind.INTERNAL
                    && move.toKind() != LocationKind.INTERNAL && !move.movedAt().isBefore(SINCE)
                    && move.movedAt().isBefore(AS_OF)) {
                movedOut.add(move.productId());
            }
        }
        assertThat(movedOut).contains(81L).doesNotContain(82L, 83L);
        for (String currency : List.of("USD", "EUR")) {
            long location = currency.equals("USD") ? 8 : 30;
            BigDecimal total = BigDecimal.ZERO;
            Map<Long, BigDecimal> slow = new HashMap<>();
            for (StockLevel quant : quants) {
                if (quant.locationId() == location) {
                    total = total.add(quant.stockValue());
                    if (!movedOut.contains(quant.productId())) {
                        slow.merge(quant.productId(), quant.stockValue(), BigDecimal::add);
                    }
                }
            }
            slow.values().removeIf(v -> v.signum() == 0);
            BigDecimal slowValue = slow.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            List<Long> worstFirst = slow.keySet().stream().sorted(Comparator.comparing((Long p) -> slow.get(p))
                    .reversed().thenComparing(p -> p)).limit(20).toList();

            KpiCard value = card(snapshot, "stock-value", "now", currency);
            KpiCard share = card(snapshot, "audit-slow-moving-stock-value", "now", currency);

            assertThat(value.value()).as(currency).isEqualByComparingTo(total.setScale(2, RoundingMode.HALF_UP));
            assertThat(share.value()).as(currency).isEqualByComparingTo(slowValue.divide(total, 4,
                    RoundingMode.HALF_EVEN));
            assertThat(part(share, "value", "slow-moving").value()).isEqualByComparingTo(slowValue.setScale(2,
                    RoundingMode.HALF_UP));
            assertThat(part(share, "value", "slow-moving").count()).isEqualTo(slow.size());
            assertThat(share.breakdowns()).filteredOn(b -> b.dimension().equals("product"))
                    .extracting(KpiCard.Breakdown::key)
                    .containsExactlyElementsOf(worstFirst.stream().map(String::valueOf).toList());
            assertThat(share.how().note()).contains("stock.move");
        }
    }

    @Test
    void theInventoryValueAsksOdooForTheQuantsValueSpelledAsTheVersionWants() {
        StockLevel quant = new StockLevel(T, "odoo", "stock.quant", 1, "16.0", 1L, "P1", 8L, "WH/Stock", 1L, "C1",
                BigDecimal.TEN, BigDecimal.ZERO, AS_OF, new BigDecimal("125.50"));
        KpiSnapshot snapshot = snapshot(List.of(quant), List.of(move(1, 1, AS_OF.minus(Duration.ofDays(1)), 1,
                MoveStatus.DONE)));

        KpiCard value = card(snapshot, "stock-value", "now", "USD");

        assertThat(value.value()).isEqualByComparingTo("125.50");
        assertThat(value.how().method()).isEqualTo("read_group");
        assertThat(value.how().direct()).isTrue();
        assertThat(value.how().fields()).as("16 sums the computed value for 'value' only").containsExactly("value");
        assertThat(value.how().domain()).contains(List.of("company_id.currency_id.name", "=", "USD"));
        assertThat(card(snapshot, "audit-slow-moving-stock-value", "now", "USD").value()).as("received, never sold")
                .isEqualByComparingTo("1");
    }

    /** kind 0: sold out of stock; 1: received from a vendor; 2: moved between two internal locations. */
    private static StockMove move(long id, long product, Instant at, int kind, MoveStatus status) {
        long from = kind == 1 ? 4 : 8;
        long to = kind == 0 ? 5 : kind == 1 ? 8 : 30;
        LocationKind fromKind = kind == 1 ? LocationKind.SUPPLIER : LocationKind.INTERNAL;
        LocationKind toKind = kind == 0 ? LocationKind.CUSTOMER : LocationKind.INTERNAL;
        return new StockMove(T, "odoo", "stock.move", id, "17.0", "MV/" + id, product, "P" + product,
                BigDecimal.ONE, status, at, from, "L" + from, fromKind, to, "L" + to, toKind, 1L, "C1", AS_OF);
    }

    private KpiSnapshot snapshot(List<StockLevel> quants, List<StockMove> moves) {
        CanonicalStore store = new CanonicalStore(jdbc);
        store.storeAll(List.of(new Company(T, "odoo", "res.company", 1, "17.0", "US Inc", "USD", null, true, AS_OF),
                new Company(T, "odoo", "res.company", 2, "17.0", "EU BV", "EUR", null, true, AS_OF)));
        store.storeAll(quants);
        store.storeAll(moves);
        return new KpiAggregator(jdbc, TestTenants.with(T, AS_OF, ZONE, KpiSettings.defaults()), List.of(7, 30, 90),
                Clock.fixed(AS_OF, ZoneOffset.UTC)).snapshot(T);
    }
}
