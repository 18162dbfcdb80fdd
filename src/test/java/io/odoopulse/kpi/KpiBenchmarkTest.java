package io.odoopulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Recomputes every card of a tenant with 1,000,000 sale orders in the store, then updates them after ~100 orders
 * changed (run with mvn verify -Pbenchmark).
 */
@Tag("benchmark")
class KpiBenchmarkTest {

    private static final Instant AS_OF = Instant.parse("2026-11-22T00:00:00Z");

    @Test
    void everyCardOfAMillionOrdersIsRecomputedWithinFiveSeconds() {
        JdbcTemplate jdbc = TestDatabase.freshH2();
        long loading = System.nanoTime();
        // Generated in the database: three years of orders, 3 statuses, 2 currencies, 2 companies, 20,000 customers;
        // each last written within an hour of being placed, as pulled rows carry their own write_date.
        jdbc.update("""
                INSERT INTO canonical_order (tenant, source_system, source_model, source_id, source_version, name,
                    status, ordered_at, currency, company_id, company, customer_id, amount_untaxed, amount_tax,
                    amount_total, updated_at)
                SELECT 'bench', 'odoo', 'sale.order', X, '17.0', 'S' || X,
                    CASE MOD(X, 10) WHEN 0 THEN 'CANCELLED' WHEN 1 THEN 'DRAFT' ELSE 'CONFIRMED' END,
                    TIMESTAMP WITH TIME ZONE '2026-11-22 00:00:00+00' - MOD(X * 7919, 94608000) * INTERVAL '1' SECOND,
                    CASE MOD(X, 4) WHEN 0 THEN 'EUR' ELSE 'USD' END, MOD(X, 2) + 1, 'Co', MOD(X * 31, 20000) + 1,
                    MOD(X * 13, 100000) / 100.0, 0, MOD(X * 13, 100000) / 100.0,
                    TIMESTAMP WITH TIME ZONE '2026-11-22 00:00:00+00' - MOD(X * 7919, 94608000) * INTERVAL '1' SECOND
                        + MOD(X, 3600) * INTERVAL '1' SECOND
                FROM SYSTEM_RANGE(1, 1000000)
                """);
        System.out.printf("[benchmark] loaded 1,000,000 orders in %d ms%n", (System.nanoTime() - loading) / 1_000_000);
        KpiAggregator aggregator = new KpiAggregator(jdbc, TestTenants.withFixedAsOf("bench", AS_OF),
                List.of(7, 30, 90), Clock.fixed(AS_OF, ZoneOffset.UTC));
        aggregator.snapshot("bench");
        long start = System.nanoTime();
        KpiSnapshot snapshot = aggregator.snapshot("bench");
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("[benchmark] full recompute of %d cards over 1,000,000 orders: %d ms%n",
                snapshot.cards().size(), millis);
        BigDecimal expected = jdbc.queryForObject("""
                SELECT SUM(amount_total) FROM canonical_order WHERE tenant = 'bench' AND status = 'CONFIRMED'
                  AND currency = 'USD' AND ordered_at >= TIMESTAMP WITH TIME ZONE '2026-08-24 00:00:00+00'
                """, BigDecimal.class);
        assertThat(TruthChecks.card(snapshot, "revenue", "90d", "USD").value()).isEqualByComparingTo(expected);
        assertThat(millis).as("full recompute in ms").isLessThan(5_000);

        // Incremental: the day sums are built once, then ~100 orders change (amounts, cancellations, deletions).
        KpiAggregator incremental = KpiAggregator.incremental(jdbc, TestTenants.withFixedAsOf("bench", AS_OF),
                List.of(7, 30, 90), Clock.fixed(AS_OF, ZoneOffset.UTC));
        long building = System.nanoTime();
        incremental.snapshot("bench");
        System.out.printf("[benchmark] first incremental snapshot (builds the day sums and customer lifetimes):"
                + " %d ms%n", (System.nanoTime() - building) / 1_000_000);
        jdbc.update("""
                UPDATE canonical_order SET amount_total = amount_total + 1, status = CASE MOD(source_id, 3)
                    WHEN 0 THEN 'CANCELLED' ELSE 'CONFIRMED' END,
                    updated_at = TIMESTAMP WITH TIME ZONE '2026-11-22 02:00:00+00'
                WHERE tenant = 'bench' AND source_id BETWEEN 500000 AND 500089
                """);
        jdbc.update("UPDATE canonical_order SET deleted_at = CURRENT_TIMESTAMP"
                + " WHERE tenant = 'bench' AND source_id BETWEEN 600000 AND 600009");
        // The next pull's snapshot, a minute on: the windows' edges have moved too.
        Instant later = AS_OF.plusSeconds(60);
        long updating = System.nanoTime();
        KpiSnapshot updated = incremental.snapshotAt("bench", later);
        long incrementalMillis = (System.nanoTime() - updating) / 1_000_000;
        long fullStart = System.nanoTime();
        KpiSnapshot recomputed = aggregator.snapshotAt("bench", later);
        long fullMillis = (System.nanoTime() - fullStart) / 1_000_000;
        System.out.printf("[benchmark] after changing 100 of 1,000,000 orders, a minute later: incremental update of"
                + " every card %d ms, full recompute %d ms (%.1fx)%n", incrementalMillis, fullMillis,
                (double) fullMillis / Math.max(1, incrementalMillis));
        assertThat(updated.cards()).isEqualTo(recomputed.cards());
        // "Far cheaper": a tenth of a full recompute at most.
        assertThat(incrementalMillis * 10).as("incremental snapshot in ms, times 10").isLessThan(fullMillis);
    }
}
