package io.odoopulse.pull;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.odoopulse.odoo.OdooClient;
import io.odoopulse.odoo.OdooConnections;
import io.odoopulse.tenant.Tenant;
import org.apache.camel.ExchangeProperty;

/**
 * Odoo keeps a product's price, name and description on its template, and editing the template does not touch the
 * variants' write_date, so an incremental pull of product.product alone would never see a price change. After each
 * product pull, the variants of templates changed since the last look are read again and handed on like any page.
 */
public class TemplateChanges {

    static final String VARIANTS = "product.product";
    static final String TEMPLATES = "product.template";
    static final int SLICE = 1_000;

    private final OdooConnections connections;
    private final CheckpointStore checkpoints;
    private final OdooClockGuard clock;

    public TemplateChanges(OdooConnections connections, CheckpointStore checkpoints, OdooClockGuard clock) {
        this.connections = connections;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    /** Exchange property carrying the template checkpoint until the variants are handed on. */
    static final String PENDING = "pulseTemplateCheckpoint";

    /** @return the variants to hand on again (none for other models, or when no template changed) */
    public List<Map<String, Object>> changedVariants(@ExchangeProperty("pulseCursor") PullCursor cursor,
                                                     org.apache.camel.Exchange exchange) {
        if (!VARIANTS.equals(cursor.model())) {
            return List.of();
        }
        OdooConnections.Connection connection = connections.get(cursor.tenant());
        OdooClient client = connection.client();
        Tenant tenant = connection.tenant();
        String from = start(client, connection, tenant);
        if (from == null) {
            return List.of();
        }
        List<Map<String, Object>> templates = client.searchRead(TEMPLATES, List.of(List.of("write_date", ">=", from)),
                List.of("write_date"), "write_date desc, id desc", 100_000, connection.context());
        if (templates.isEmpty()) {
            return List.of();
        }
        exchange.setProperty(PENDING, templates.get(0).get("write_date"));
        List<Integer> ids = templates.stream().map(t -> ((Number) t.get("id")).intValue()).toList();
        List<String> fields = connection.mapping().forModel(VARIANTS).sourceFields();
        List<Map<String, Object>> variants = new ArrayList<>();
        for (int slice = 0; slice < ids.size(); slice += SLICE) {
            variants.addAll(client.searchRead(VARIANTS, List.of(List.of("product_tmpl_id", "in",
                    ids.subList(slice, Math.min(ids.size(), slice + SLICE)))), fields, "id asc", 0,
                    connection.context()));
        }
        return variants;
    }

    /**
     * Where to look for changed templates: as the pull cursor resumes after its checkpoint; on the first look, the
     * overlap before the newest template, so templates edited while the variants' first full load ran are not
     * missed. Null: no template at all.
     */
    private String start(OdooClient client, OdooConnections.Connection connection, Tenant tenant) {
        var checkpoint = checkpoints.checkpoint(tenant.id(), TEMPLATES);
        if (checkpoint.isPresent() && clock.beyondClock(checkpoint.get().writeDate(), client.serverNow(),
                tenant.pull().overlap())) {
            // Edits since the checkpoint was set may have been missed: every template's variants once more.
            clock.checkpointReset(tenant.id(), TEMPLATES, checkpoint.get().writeDate(), client.serverNow());
            checkpoints.reset(tenant.id(), TEMPLATES);
            return "1970-01-01 00:00:00";
        }
        if (checkpoint.isPresent()) {
            return PullCursor.scanFrom(checkpoint.get(), tenant.pull().overlap());
        }
        List<Map<String, Object>> newest = client.searchRead(TEMPLATES, List.of(), List.of("write_date"),
                "write_date desc, id desc", 1, connection.context());
        return newest.isEmpty() ? null : PullCursor.ODOO.format(LocalDateTime.parse(
                (String) newest.get(0).get("write_date"), PullCursor.ODOO).minus(tenant.pull().overlap()));
    }

    /** After the variants are stored (or dead-lettered): a crash before this reads the same templates again. */
    public void commit(@ExchangeProperty("pulseCursor") PullCursor cursor,
                       @ExchangeProperty(PENDING) String templateWriteDate) {
        if (templateWriteDate != null) {
            OdooConnections.Connection connection = connections.get(cursor.tenant());
            checkpoints.commit(cursor.tenant(), TEMPLATES, clock.checkpoint(templateWriteDate,
                    connection.client().serverNow(), connection.tenant().pull().overlap()));
        }
    }
}
