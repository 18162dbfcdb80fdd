package io.odoopulse.odoo;

import java.util.List;
import java.util.Map;

import io.odoopulse.tenant.Tenant;
import org.apache.camel.ExchangeProperty;

/** Reads a tenant's model from Odoo one page at a time and commits the checkpoint after each handed-on page. */
public class OdooPageReader {

    /** Pages are read in the order the cursor relies on: oldest change first, ties by id. */
    static final String ORDER = "write_date asc, id asc";

    private final OdooConnections connections;
    private final CheckpointStore checkpoints;

    public OdooPageReader(OdooConnections connections, CheckpointStore checkpoints) {
        this.connections = connections;
        this.checkpoints = checkpoints;
    }

    public PullCursor open(String tenantId, String model) {
        Tenant tenant = connections.get(tenantId).tenant();
        return new PullCursor(tenantId, model, checkpoints.writeDate(tenantId, model), tenant.pageSize());
    }

    public List<Map<String, Object>> nextPage(@ExchangeProperty("pulseCursor") PullCursor cursor) {
        OdooConnections.Connection connection = connections.get(cursor.tenant());
        List<String> fields = connection.mapping().forModel(cursor.model()).sourceFields();
        List<Map<String, Object>> page = connection.client().searchRead(cursor.model(), cursor.domain(), fields, ORDER,
                cursor.pageSize(), cursor.offset());
        cursor.advance(page);
        return page;
    }

    /** Called once the page's records have been stored (or dead-lettered): a restart resumes from here. */
    public void commit(@ExchangeProperty("pulseCursor") PullCursor cursor) {
        cursor.newestWriteDate().ifPresent(w -> checkpoints.commit(cursor.tenant(), cursor.model(), w));
    }
}
