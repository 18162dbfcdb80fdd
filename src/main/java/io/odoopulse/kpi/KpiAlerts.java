package io.odoopulse.kpi;

import java.util.List;

import org.apache.camel.Body;

/**
 * Route step after the aggregator: compares the snapshot with the tenant's previous one, attaches the alerts and a
 * summary mentioning them, and keeps the snapshot as the next one's previous.
 */
public class KpiAlerts {

    private final SnapshotHistory history;
    private final AlertDetector detector = new AlertDetector();
    private final SnapshotSummary summary = new SnapshotSummary();
    /** Each model's pull of a tenant pushes; compare-and-save must not interleave for one tenant. */
    private final java.util.concurrent.ConcurrentHashMap<String, Object> tenantLocks =
            new java.util.concurrent.ConcurrentHashMap<>();

    public KpiAlerts(SnapshotHistory history) {
        this.history = history;
    }

    public KpiSnapshot attach(@Body KpiSnapshot snapshot) {
        synchronized (tenantLocks.computeIfAbsent(snapshot.tenant(), tenant -> new Object())) {
            List<KpiAlert> alerts = history.latest(snapshot.tenant())
                    .map(previous -> detector.alerts(previous.cards(), snapshot.cards()))
                    .orElse(List.of());
            KpiSnapshot withAlerts = snapshot.withAlerts(alerts, summary.summarise(snapshot.cards(), alerts));
            history.save(withAlerts);
            return withAlerts;
        }
    }
}
