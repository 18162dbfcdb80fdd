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
    /**
     * A tenant's ticks never overlap (Quartz, cluster-wide), so this only guards callers outside a tick (tests, a
     * report for a past day) against interleaving compare-and-save for one tenant.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Object> tenantLocks =
            new java.util.concurrent.ConcurrentHashMap<>();

    public KpiAlerts(SnapshotHistory history) {
        this.history = history;
    }

    public KpiSnapshot attach(@Body KpiSnapshot snapshot) {
        synchronized (tenantLocks.computeIfAbsent(snapshot.tenant(), tenant -> new Object())) {
            List<KpiAlert> alerts = new ArrayList<>(history.latest(snapshot.tenant())
                    .map(previous -> alerts(previous, snapshot))
                    .orElse(List.of()));
            // Alerts attached earlier in the tick (the parity audit's drift) stay.
            alerts.addAll(snapshot.alerts() == null ? List.of() : snapshot.alerts());
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
            if (pending.drift()) {
                continue; // the next audit says again whatever still differs
            }
            String key = key(pending.card(), pending.window(), pending.currency());
            if (!raised.contains(key) && now.get(key) == pending.sentiment()) {
                alerts.add(pending);
            }
        }
        return alerts;
    }

    private static String key(String card, String window, String currency) {
        return card + "|" + window + "|" + Objects.toString(currency, "");
    }
}
