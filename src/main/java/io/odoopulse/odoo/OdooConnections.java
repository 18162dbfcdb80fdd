package io.odoopulse.odoo;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.odoopulse.canonical.MappingCatalog;
import io.odoopulse.canonical.MappingFile;
import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live connection per tenant: the client, the Odoo version its server reported and the mapping file that
 * version selects. Made on first use and kept; a failed connect is retried on the next pull.
 */
public class OdooConnections {

    private static final Logger LOG = LoggerFactory.getLogger(OdooConnections.class);

    /** A tenant's connected Odoo. */
    public record Connection(Tenant tenant, OdooClient client, String serverVersion, MappingFile mapping) {}

    private final TenantRegistry tenants;
    private final MappingCatalog mappings;
    private final HttpClient http = OdooClient.defaultHttpClient();
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    public OdooConnections(TenantRegistry tenants, MappingCatalog mappings) {
        this.tenants = tenants;
        this.mappings = mappings;
    }

    public Connection get(String tenantId) {
        return connections.computeIfAbsent(tenantId, this::connect);
    }

    private Connection connect(String tenantId) {
        Tenant tenant = tenants.get(tenantId);
        OdooClient client = new OdooClient(tenant.odoo(), http);
        String version = String.valueOf(client.version().get("server_version"));
        MappingFile mapping = mappings.forTenant(tenant.mappingOverrides(), version);
        client.uid();
        LOG.info("tenant {}: connected to Odoo {} at {} (database {}, login {}), mapping {}", tenant.id(), version,
                tenant.odoo().url(), tenant.odoo().database(), tenant.odoo().login(), mapping.file());
        return new Connection(tenant, client, version, mapping);
    }
}
