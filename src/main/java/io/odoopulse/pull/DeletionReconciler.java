package io.odoopulse.pull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.odoo.OdooConnections;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds records deleted in Odoo, which incremental pulls cannot see (a deleted row has no write_date to change):
 * every few pulls it walks Odoo's ids and the stored ids side by side in id slices and marks the stored ones that
 * Odoo no longer has as deleted. Archived records are still there ({@code active_test=false}) and are kept.
 */
public class DeletionReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(DeletionReconciler.class);
    static final int SLICE = 10_000;

    private final OdooConnections connections;
    private final CanonicalStore store;
    private final PullFreshness freshness;
    private final CompanyAccess companies;

    public DeletionReconciler(OdooConnections connections, CanonicalStore store, PullFreshness freshness,
                              CompanyAccess companies) {
        this.connections = connections;
        this.store = store;
        this.freshness = freshness;
        this.companies = companies;
    }

    /**
     * Runs after a pull: on the first complete read of the model and then every {@code pull.reconcile-every} reads.
     * The count is kept in the database, so it goes on across restarts and instances; two reconciliations of one
     * tenant never overlap because its tick runs on one instance at a time.
     */
    public void afterPull(@ExchangeProperty("pulseCursor") PullCursor cursor) {
        OdooConnections.Connection connection = connections.get(cursor.tenant());
        int every = connection.tenant().pull().reconcileEvery();
        long pull = freshness.reads(cursor.tenant(), cursor.model());
        if (every > 0 && pull % every == 0) {
            // Rows of a company the user may no longer see are missing from Odoo's answer, not deleted.
            var hidden = companies.hidden(cursor.tenant());
            if (!hidden.isEmpty()) {
                LOG.info("tenant {}: {} not reconciled while company {} is not visible to the integration user",
                        cursor.tenant(), cursor.model(), hidden);
                return;
            }
            reconcile(connection, cursor.model());
        }
    }

    /** @return how many stored records were marked deleted */
    public int reconcile(OdooConnections.Connection connection, String model) {
        String tenant = connection.tenant().id();
        long after = 0;
        int deleted = 0;
        while (true) {
            List<Integer> odooIds = connection.client().searchIds(model, List.of(List.of("id", ">", after)), SLICE,
                    connection.context());
            boolean last = odooIds.size() < SLICE;
            long upTo = last ? Long.MAX_VALUE : odooIds.get(odooIds.size() - 1);
            Set<Long> present = new HashSet<>();
            odooIds.forEach(id -> present.add(id.longValue()));
            List<Long> gone = store.liveIds(tenant, model, after, upTo).stream()
                    .filter(id -> !present.contains(id)).toList();
            deleted += store.markDeleted(tenant, model, gone);
            if (last) {
                break;
            }
            after = upTo;
        }
        if (deleted > 0) {
            LOG.info("tenant {}: {} {} records were deleted in Odoo; marked deleted", tenant, deleted, model);
        }
        return deleted;
    }
}
