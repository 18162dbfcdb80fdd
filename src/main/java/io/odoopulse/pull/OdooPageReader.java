package io.odoopulse.pull;

import java.util.List;
import java.util.Map;

import io.odoopulse.odoo.OdooConnections;
import io.odoopulse.tenant.Tenant;
import org.apache.camel.ExchangeProperty;

/**
 * Reads a tenant's model from Odoo one page at a time (see {@link PullCursor} for the order that cannot skip or
 * loop), commits the checkpoint after each handed-on page, and reports progress.
 */
public class OdooPageReader {

    private final OdooConnections connections;
    private final CheckpointStore checkpoints;
    private final PullProgress progress;
    private final PullFreshness freshness;

    public OdooPageReader(OdooConnections connections, CheckpointStore checkpoints, PullProgress progress,
                          PullFreshness freshness) {
        this.connections = connections;
        this.checkpoints = checkpoints;
        this.progress = progress;
        this.freshness = freshness;
    }

    public PullCursor open(String tenantId, String model) {
        freshness.started(tenantId, model);
        OdooConnections.Connection connection = connections.get(tenantId);
        Tenant tenant = connection.tenant();
        var checkpoint = checkpoints.checkpoint(tenantId, model);
        PullCursor cursor = PullCursor.resume(tenantId, model, checkpoint, tenant.pull().overlap(),
                tenant.pull().pageSize());
        int total = connection.client().searchCount(model, cursor.nextQuery().domain(), connection.context());
        progress.started(tenantId, model, total, checkpoint.isEmpty());
        return cursor;
    }

    public List<Map<String, Object>> nextPage(@ExchangeProperty("pulseCursor") PullCursor cursor) {
        OdooConnections.Connection connection = connections.get(cursor.tenant());
        PullCursor.Query query = cursor.nextQuery();
        List<String> fields = connection.mapping().forModel(cursor.model()).sourceFields();
        List<Map<String, Object>> page = connection.client().searchRead(cursor.model(), query.domain(), fields,
                query.order(), query.limit(), connection.context());
        return cursor.accept(page);
    }

    /** Called once the page's records have been stored (or dead-lettered): a restart resumes from here. */
    public void commit(@ExchangeProperty("pulseCursor") PullCursor cursor) {
        cursor.safePoint().ifPresent(w -> checkpoints.commit(cursor.tenant(), cursor.model(), w));
        progress.advanced(cursor.tenant(), cursor.model(), cursor.records(), !cursor.isHasMore());
    }
}
