package io.odoopulse.signals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the signals of one tenant are read from, as of one refresh: its ticks, its models' reads, its open dead
 * letters and stored records. Read from the database on a schedule so that a scrape or a health check costs nothing.
 *
 * @param lastTickAt when its latest tick started; null before the first
 * @param lastTickStatus RUNNING, DONE or FAILED
 * @param lastSuccessAt when its latest DONE tick finished
 * @param lastPushAt when the Nerve Centre last took one of its snapshots
 * @param oldestReadStartedAt the start of the least recent complete read among its models: everything Odoo had
 *                            committed before it is stored, so now minus this is how far the store lags Odoo
 * @param failing the models whose latest read failed (after their last complete read), with the masked cause
 * @param models the models of its bundle
 */
record TenantState(Instant lastTickAt, String lastTickStatus, Instant lastSuccessAt, Instant lastPushAt,
                   Instant oldestReadStartedAt, Map<String, String> failing, List<String> models,
                   Map<String, Long> records, Map<String, Long> openDeadLetters) {

    static TenantState empty(List<String> models) {
        return new TenantState(null, null, null, null, null, Map.of(), models, Map.of(), Map.of());
    }

    /** Every model of the bundle failed its latest read: Odoo unreachable, or refusing the credentials. */
    boolean odooFailing() {
        return !models.isEmpty() && failing.keySet().containsAll(models);
    }
}
