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
import io.odoopulse.tenant.TenantRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each trigger reason of the Nerve Centre's alert model fires once for its condition, with severity, period,
 * baseline and delta, and the same condition on the next tick carries the same trace id.
 */
class AlertRulesTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-11-22T00:00:00Z");
    private static final Instant TICK = MIDNIGHT.plus(Duration.ofHours(9).plusMinutes(12));

    private final JdbcTemplate jdbc = TestDatabase.freshH2();
    private final CanonicalStore store = new CanonicalStore(jdbc);
    private final TenantRegistry tenants = TestTenants.with("shop", null, ZoneId.of("UTC"),
            new KpiSettings(Optional.empty(), BigDecimal.ONE, 90, 90, Map.of(), Duration.ofHours(6)));
    private final KpiAlerts alerts = new KpiAlerts(new SnapshotHistory(jdbc), tenants);

    @Test
    void revenueDroppingMoreThanItsTriggerVsPRaisesAThresholdAlert() {
        order(1, "1000.00", MIDNIGHT.minus(Duration.ofDays(40)));
        order(2, "100.00", MIDNIGHT.minus(Duration.ofDays(10)));

        KpiSnapshot first = alerts.attach(tick(TICK));

        KpiAlert alert = only(first, KpiAlert.THRESHOLD, "revenue");
        assertThat(alert.trigger()).isEqualTo("drop >15% vsP");
        assertThat(alert.window()).isEqualTo("30d");
        assertThat(alert.severity()).as("-90 % is six times the trigger").isEqualTo("critical");
        assertThat(alert.periodStart()).isEqualTo(MIDNIGHT.minus(Duration.ofDays(30)));
        assertThat(alert.periodEnd()).isEqualTo(MIDNIGHT);
        assertThat(alert.baseline()).isEqualByComparingTo("1000.00");
        assertThat(alert.newValue()).isEqualByComparingTo("100.00");
        assertThat(alert.delta()).isEqualByComparingTo("-900.00");
        assertThat(alert.deltaPercent()).isEqualByComparingTo("-90.0");

        KpiSnapshot next = alerts.attach(tick(TICK.plus(Duration.ofHours(1))));
        assertThat(only(next, KpiAlert.THRESHOLD, "revenue").traceId()).isEqualTo(alert.traceId());
        alerts.delivered(next);
        KpiSnapshot tomorrow = alerts.attach(tick(TICK.plus(Duration.ofDays(1))));
        assertThat(only(tomorrow, KpiAlert.THRESHOLD, "revenue").traceId())
                .as("another 30 days, another condition").isNotEqualTo(alert.traceId());
    }

    @Test
    void revenueWithinItsTriggerRaisesNone() {
        order(1, "1000.00", MIDNIGHT.minus(Duration.ofDays(40)));
        order(2, "900.00", MIDNIGHT.minus(Duration.ofDays(10)));

        assertThat(alerts.attach(tick(TICK)).alerts()).noneMatch(a -> a.kind().equals(KpiAlert.THRESHOLD)
                && a.card().equals("revenue"));
    }

    @Test
    void yesterdayFarBelowTheCardsOwnHistoryRaisesAnAnomaly() {
        // 29 days of 90 to 118 a day, then yesterday 10.
        for (int day = 2; day <= 30; day++) {
            order(day, (90 + day) + ".00", MIDNIGHT.minus(Duration.ofDays(day)).plus(Duration.ofHours(12)));
        }
        order(1, "10.00", MIDNIGHT.minus(Duration.ofHours(5)));

        KpiSnapshot first = alerts.attach(tick(TICK));

        KpiAlert alert = only(first, KpiAlert.ANOMALY, "revenue");
        assertThat(alert.severity()).as("down is bad for revenue").isEqualTo("high");
        assertThat(alert.periodStart()).isEqualTo(MIDNIGHT.minus(Duration.ofDays(1)));
        assertThat(alert.periodEnd()).isEqualTo(MIDNIGHT);
        assertThat(alert.baseline()).as("mean of 92..120").isEqualByComparingTo("106.00");
        assertThat(alert.newValue()).isEqualByComparingTo("10.00");
        assertThat(alert.delta()).isEqualByComparingTo("-96.00");
        assertThat(alert.deltaPercent()).isEqualByComparingTo("-90.6");
        assertThat(only(alerts.attach(tick(TICK.plus(Duration.ofMinutes(30)))), KpiAlert.ANOMALY, "revenue")
                .traceId()).isEqualTo(alert.traceId());
    }

    @Test
    void aModelNotRefreshedForLongerThanAllowedRaisesMissingData() {
        order(1, "100.00", MIDNIGHT.minus(Duration.ofDays(3)));
        Instant readAt = TICK.minus(Duration.ofHours(9));

        KpiSnapshot first = alerts.attach(withReadAt(tick(TICK), readAt));

        KpiAlert alert = alerts(first, KpiAlert.MISSING_DATA).get(0);
        assertThat(alerts(first, KpiAlert.MISSING_DATA)).hasSize(1);
        assertThat(alert.model()).isEqualTo("sale.order");
        assertThat(alert.severity()).isEqualTo("high");
        assertThat(alert.periodStart()).isEqualTo(readAt);
        assertThat(alert.periodEnd()).isEqualTo(first.generatedAt());
        assertThat(alert.baseline()).isEqualByComparingTo("6.00");
        assertThat(alert.newValue()).isEqualByComparingTo("9.00");
        assertThat(alert.delta()).isEqualByComparingTo("3.00");
        assertThat(alert.deltaPercent()).isEqualByComparingTo("50.0");

        KpiSnapshot later = alerts.attach(withReadAt(tick(TICK.plus(Duration.ofHours(16))), readAt));
        KpiAlert still = alerts(later, KpiAlert.MISSING_DATA).get(0);
        assertThat(still.traceId()).isEqualTo(alert.traceId());
        assertThat(still.severity()).as("25 hours: beyond four times the limit").isEqualTo("critical");

        alerts.delivered(later);
        KpiSnapshot fresh = alerts.attach(withReadAt(tick(TICK.plus(Duration.ofHours(17))),
                TICK.plus(Duration.ofHours(17))));
        assertThat(alerts(fresh, KpiAlert.MISSING_DATA)).as("read again, delivered before: nothing").isEmpty();
    }

    @Test
    void aThresholdAlertOfAPushThatFailedIsCarriedOnceItsConditionHasPassed() {
        order(1, "1000.00", MIDNIGHT.minus(Duration.ofDays(40)));
        order(2, "100.00", MIDNIGHT.minus(Duration.ofDays(10)));
        KpiAlert failed = only(alerts.attach(tick(TICK)), KpiAlert.THRESHOLD, "revenue");
        order(3, "1000.00", MIDNIGHT.minus(Duration.ofDays(9)));

        KpiSnapshot next = alerts.attach(tick(TICK.plus(Duration.ofHours(1))));

        assertThat(next.alerts()).contains(failed);
    }

    private KpiSnapshot tick(Instant now) {
        return new KpiAggregator(jdbc, tenants, List.of(7, 30, 90), Clock.fixed(now, ZoneOffset.UTC))
                .snapshot("shop");
    }

    private KpiSnapshot withReadAt(KpiSnapshot snapshot, Instant readAt) {
        return snapshot.withFreshness(List.of(new KpiSnapshot.Freshness("sale.order", KpiSnapshot.Freshness.Status.OK,
                readAt, Duration.between(readAt, snapshot.generatedAt()).toSeconds(), null, null, null)),
                snapshot.cards());
    }

    private static List<KpiAlert> alerts(KpiSnapshot snapshot, String kind) {
        return snapshot.alerts().stream().filter(a -> a.kind().equals(kind)).toList();
    }

    private static KpiAlert only(KpiSnapshot snapshot, String kind, String card) {
        List<KpiAlert> found = snapshot.alerts().stream()
                .filter(a -> a.kind().equals(kind) && card.equals(a.card()) && "USD".equals(a.currency())).toList();
        assertThat(found).as("%s alerts on %s", kind, card).hasSize(1);
        return found.get(0);
    }

    private void order(long id, String total, Instant at) {
        store.upsert(new Order("shop", "odoo", "sale.order", id, "17.0", "S" + id, OrderStatus.CONFIRMED, at, "USD",
                1L, "Co", 7L, new BigDecimal(total), BigDecimal.ZERO, new BigDecimal(total), at));
    }
}
