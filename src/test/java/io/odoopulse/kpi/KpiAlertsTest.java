package io.odoopulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.Order;
import io.odoopulse.canonical.OrderStatus;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import io.odoopulse.tenant.KpiSettings;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class KpiAlertsTest {

    private static final Instant AS_OF = Instant.parse("2026-11-22T00:00:00Z");

    private final JdbcTemplate jdbc = TestDatabase.freshH2();
    private final CanonicalStore store = new CanonicalStore(jdbc);
    private final KpiAlerts alerts = new KpiAlerts(new SnapshotHistory(jdbc));
    private final KpiSettings settings = new KpiSettings(Optional.empty(), BigDecimal.ONE, 90, 90,
            Map.of("revenue", new KpiSettings.Threshold(BigDecimal.TEN, BigDecimal.valueOf(-20))));
    private final KpiAggregator aggregator = new KpiAggregator(jdbc,
            TestTenants.with("shop", null, ZoneId.of("UTC"), settings), List.of(7, 30, 90),
            Clock.fixed(AS_OF.plusNanos(123_456_789), ZoneOffset.UTC));

    @Test
    void aCardWhoseSentimentTurnsRaisesAnAlertCarriedInThePush() {
        order(1, OrderStatus.CONFIRMED, "100.00", 10);
        order(2, OrderStatus.CONFIRMED, "100.00", 2);
        KpiSnapshot first = alerts.attach(aggregator.snapshot("shop"));
        assertThat(first.alerts()).isEmpty();
        assertThat(TruthChecks.card(first, "revenue", "7d", "USD").sentiment()).isEqualTo(KpiCard.Sentiment.NEUTRAL);

        order(2, OrderStatus.CANCELLED, "100.00", 2);
        KpiSnapshot second = alerts.attach(aggregator.snapshot("shop"));

        KpiAlert alert = second.alerts().stream()
                .filter(a -> a.card().equals("revenue") && a.window().equals("7d")).findFirst().orElseThrow();
        assertThat(alert.oldValue()).isEqualByComparingTo("100.00");
        assertThat(alert.newValue()).isEqualByComparingTo("0.00");
        assertThat(alert.oldSentiment()).isEqualTo(KpiCard.Sentiment.NEUTRAL);
        assertThat(alert.sentiment()).isEqualTo(KpiCard.Sentiment.NEGATIVE);
        assertThat(alert.why()).contains("turned negative", "-100.0%");
        assertThat(second.summary()).contains("Total revenue USD (7d) down 100.0%").contains("alert");
    }

    @Test
    void anUnchangedStoreRaisesNoAlertTheSecondTime() {
        order(1, OrderStatus.CONFIRMED, "100.00", 10);
        alerts.attach(aggregator.snapshot("shop"));

        assertThat(alerts.attach(aggregator.snapshot("shop")).alerts()).isEmpty();
    }

    @Test
    void theSnapshotAnotherInstanceSavedMeanwhileIsTheOneComparedWith() {
        KpiAlerts otherInstance = new KpiAlerts(new SnapshotHistory(jdbc));
        order(1, OrderStatus.CONFIRMED, "100.00", 10);
        order(2, OrderStatus.CONFIRMED, "100.00", 2);
        alerts.attach(aggregator.snapshot("shop"));
        order(2, OrderStatus.CANCELLED, "100.00", 2);
        KpiSnapshot turned = otherInstance.attach(aggregator.snapshot("shop"));
        otherInstance.delivered(turned);
        assertThat(turned.alerts()).isNotEmpty();

        assertThat(alerts.attach(aggregator.snapshot("shop")).alerts()).as("the turn was the other instance's")
                .isEmpty();
    }

    @Test
    void theAlertsOfASnapshotThatNeverReachedTheNerveCentreAreCarriedIntoTheNext() {
        KpiSnapshot failed = aDeliveredSnapshotThenRevenueTurnsNegative();
        assertThat(failed.alerts()).isNotEmpty();

        // Its push was dead-lettered (no delivered); nothing changed before the next one.
        KpiSnapshot next = alerts.attach(aggregator.snapshot("shop"));

        assertThat(next.alerts()).containsExactlyInAnyOrderElementsOf(failed.alerts());
        assertThat(next.summary()).contains("alert");
    }

    @Test
    void theAlertsOfADeliveredSnapshotAreNotRepeated() {
        alerts.delivered(aDeliveredSnapshotThenRevenueTurnsNegative());

        assertThat(alerts.attach(aggregator.snapshot("shop")).alerts()).isEmpty();
    }

    @Test
    void aCarriedAlertIsDroppedOnceItsCardHasTurnedBack() {
        aDeliveredSnapshotThenRevenueTurnsNegative();
        order(2, OrderStatus.CONFIRMED, "100.00", 2, 60);

        KpiSnapshot next = alerts.attach(aggregator.snapshot("shop"));

        assertThat(next.alerts()).filteredOn(a -> a.card().equals("revenue") && a.window().equals("7d"))
                .singleElement().satisfies(a -> assertThat(a.sentiment()).isEqualTo(KpiCard.Sentiment.NEUTRAL));
    }

    @Test
    void theTenantsLevelsDecideTheSentiment() {
        order(1, OrderStatus.CONFIRMED, "100.00", 10);
        order(2, OrderStatus.CONFIRMED, "115.00", 2);

        KpiCard revenue = TruthChecks.card(aggregator.snapshot("shop"), "revenue", "7d", "USD");

        assertThat(revenue.trend()).isEqualByComparingTo("15.0");
        assertThat(revenue.sentiment()).isEqualTo(KpiCard.Sentiment.POSITIVE);
    }

    /** A snapshot with 7-day revenue neutral, delivered; then one after a cancellation turned it negative. */
    private KpiSnapshot aDeliveredSnapshotThenRevenueTurnsNegative() {
        order(1, OrderStatus.CONFIRMED, "100.00", 10);
        order(2, OrderStatus.CONFIRMED, "100.00", 2);
        alerts.delivered(alerts.attach(aggregator.snapshot("shop")));
        order(2, OrderStatus.CANCELLED, "100.00", 2);
        return alerts.attach(aggregator.snapshot("shop"));
    }

    private void order(long id, OrderStatus status, String total, int daysAgo) {
        order(id, status, total, daysAgo, status.ordinal());
    }

    /** {@code version}: seconds after the order's time that this version was written; a later one replaces it. */
    private void order(long id, OrderStatus status, String total, int daysAgo, int version) {
        Instant at = AS_OF.minus(Duration.ofDays(daysAgo));
        store.upsert(new Order("shop", "odoo", "sale.order", id, "17.0", "S" + id, status, at, "USD", 1L, "Co", 7L,
                new BigDecimal(total), BigDecimal.ZERO, new BigDecimal(total), at.plusSeconds(version)));
    }
}
