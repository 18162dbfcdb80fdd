package io.odoopulse.kpi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Route steps around the push: before it, compares the snapshot with the tenant's previous one, attaches the alerts
 * and a summary mentioning them, and keeps the snapshot as the next one's previous; after it, records that the
 * snapshot was delivered. The alerts of a snapshot whose push failed (and was dead-lettered) are carried into the
 * next one while they still hold, so the Nerve Centre hears of every turn once the push works again.
 */
public class KpiAlerts {

    private final SnapshotHistory history;
    private final AlertDetector detector = new AlertDetector();
    private final SnapshotSummary summary = new SnapshotSummary();
    private final AlertRules rules = new AlertRules();
    /** The tenant's alert triggers and missing-data limit; the defaults without a registry. */
    private final java.util.function.Function<String, io.odoopulse.tenant.KpiSettings> settings;
    /**
     * A tenant's ticks never overlap (Quartz, cluster-wide), so this only guards callers outside a tick (tests, a
     * report for a past day) against interleaving compare-and-save for one tenant.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Object> tenantLocks =
            new java.util.concurrent.ConcurrentHashMap<>();

    public KpiAlerts(SnapshotHistory history) {
        this(history, tenant -> io.odoopulse.tenant.KpiSettings.defaults());
    }

    public KpiAlerts(SnapshotHistory history, io.odoopulse.tenant.TenantRegistry tenants) {
        this(history, tenant -> tenants.get(tenant).kpi());
    }

    private KpiAlerts(SnapshotHistory history,
                      java.util.function.Function<String, io.odoopulse.tenant.KpiSettings> settings) {
        this.history = history;
        this.settings = settings;
    }

    public KpiSnapshot attach(@Body KpiSnapshot snapshot) {
        synchronized (tenantLocks.computeIfAbsent(snapshot.tenant(), tenant -> new Object())) {
            SnapshotHistory.Entry previous = history.latest(snapshot.tenant()).orElse(null);
            List<KpiAlert> alerts = new ArrayList<>(previous == null ? List.of() : alerts(previous, snapshot));
            // Alerts attached earlier in the tick (the parity audit's drift) stay.
            alerts.addAll(snapshot.alerts() == null ? List.of() : snapshot.alerts());
            alerts.addAll(rules.alerts(snapshot, settings.apply(snapshot.tenant())));
            alerts = carried(previous, alerts);
            alerts.replaceAll(a -> a.traced(snapshot.tenant(), conditionStart(snapshot, a)));
            KpiSnapshot withAlerts = snapshot.withAlerts(alerts, summary.summarise(snapshot.cards(), alerts));
            history.save(withAlerts);
            return withAlerts;
        }
    }

    /** After a successful push of {@code snapshot}. */
    public void delivered(@ExchangeProperty("pulseSnapshot") KpiSnapshot snapshot) {
        history.delivered(snapshot);
    }

    /** The turns since the previous snapshot, plus the undelivered previous one's that the cards still show. */
    private List<KpiAlert> alerts(SnapshotHistory.Entry previous, KpiSnapshot snapshot) {
        List<KpiAlert> alerts = new ArrayList<>(detector.alerts(previous.snapshot().cards(), snapshot.cards()));
        if (previous.delivered()) {
            return alerts;
        }
        Map<String, KpiCard.Sentiment> now = new HashMap<>();
        snapshot.cards().stream().filter(c -> c.company() == null)
                .forEach(c -> now.put(key(c.id(), c.window(), c.currency()), c.sentiment()));
        List<String> raised = alerts.stream().map(a -> key(a.card(), a.window(), a.currency())).toList();
        for (KpiAlert pending : previous.snapshot().alerts()) {
            if (!KpiAlert.SENTIMENT.equals(pending.kind())) {
                continue; // the next audit says again whatever still differs; the rules' alerts are carried below
            }
            String key = key(pending.card(), pending.window(), pending.currency());
            if (!raised.contains(key) && now.get(key) == pending.sentiment()) {
                alerts.add(pending);
            }
        }
        return alerts;
    }

    /**
     * The undelivered previous snapshot's threshold, anomaly and missing-data alerts whose condition no longer holds
     * (else this snapshot raises them again under the same trace id): a Nerve Centre that was down still hears of
     * them.
     */
    private static List<KpiAlert> carried(SnapshotHistory.Entry previous, List<KpiAlert> alerts) {
        if (previous == null || previous.delivered() || previous.snapshot().alerts() == null) {
            return alerts;
        }
        java.util.Set<String> raised = new java.util.HashSet<>();
        alerts.forEach(a -> raised.add(a.traceId()));
        List<KpiAlert> all = new ArrayList<>(alerts);
        for (KpiAlert pending : previous.snapshot().alerts()) {
            if (List.of(KpiAlert.THRESHOLD, KpiAlert.ANOMALY, KpiAlert.MISSING_DATA).contains(pending.kind())
                    && !raised.contains(pending.traceId())) {
                all.add(pending);
            }
        }
        return all;
    }

    /** Where a sentiment turn's or a drift's condition starts: its card's window, else the tick's as-of time. */
    private static java.time.Instant conditionStart(KpiSnapshot snapshot, KpiAlert alert) {
        return snapshot.cards().stream().filter(c -> c.id().equals(alert.card())
                        && Objects.equals(c.window(), alert.window()) && Objects.equals(c.currency(), alert.currency())
                        && c.windowStart() != null)
                .map(KpiCard::windowStart).findFirst().orElse(snapshot.asOf());
    }

    private static String key(String card, String window, String currency) {
        return card + "|" + window + "|" + Objects.toString(currency, "");
    }
}
