package io.odoopulse.odoo;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.canonical.MappingCatalog;
import io.odoopulse.canonical.MappingFile;
import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * One live connection per tenant: the client on the chosen transport, the Odoo version its server reported, the
 * mapping file that version selects, and the context every read carries. Made on first use and kept; a failed
 * connect is tried again on the next pull.
 */
public class OdooConnections {

    private static final Logger LOG = LoggerFactory.getLogger(OdooConnections.class);

    /**
     * A tenant's connected Odoo.
     *
     * @param context sent with every read: archived records too, and every company the user may see
     * @param apps which card-feeding apps are installed: a card whose app is missing is unavailable, not zero
     * @param absent the models ({@code pos.order}) and fields ({@code sale.order.website_id}) the mapping reads
     *               that this Odoo lacks because their app is not installed, or hides because the user is not in
     *               their group ({@code stock.quant.value}): not read, never a failure
     * @param access the integration user's access checks, run at connect (in every push and in the probe)
     */
    public record Connection(Tenant tenant, OdooClient client, ServerVersion version, MappingFile mapping,
                             Map<String, Object> context, Map<String, Boolean> apps, java.util.Set<String> absent,
                             List<AccessChecks.Check> access) {
        public String serverVersion() {
            return version.serverVersion();
        }

        /** What this tenant's mapping makes of the model's fields as read from this Odoo (ModelMapping#fingerprint). */
        public String mappingFingerprint(String model) {
            return mapping.forModel(model).fingerprint(readableFields(model));
        }

        /** The fields a read of the model asks for: the mapping's, less those of an app not installed. */
        public List<String> readableFields(String model) {
            return mapping.forModel(model).sourceFields().stream().filter(f -> !absent.contains(model + "." + f))
                    .toList();
        }

        /**
         * Why the pull does not read what feeds this canonical field of the model's records, or null when it does:
         * the mapping does not map it, or its Odoo field is absent for this user (app not installed, group not
         * granted).
         */
        public String unread(String model, String canonicalField) {
            if (absent.contains(model)) {
                return model + " is not installed";
            }
            List<String> fields = mapping.models().containsKey(model) ? mapping.forModel(model).targets().stream()
                    .map(t -> t.rules().get(canonicalField)).filter(java.util.Objects::nonNull)
                    .map(rule -> rule.sourceField()).distinct().toList() : List.of();
            if (fields.isEmpty()) {
                return "the mapping " + mapping.file() + " does not map " + canonicalField + " of " + model;
            }
            List<String> missing = fields.stream().filter(f -> absent.contains(model + "." + f)).toList();
            if (missing.size() < fields.size()) {
                return null;
            }
            String field = model + "." + missing.get(0);
            String group = OdooProbe.GROUP_OF_FIELD.get(field);
            return group != null ? "the integration user may not read " + field + " (group " + group + ")"
                    : field + " is not there: its app is not installed";
        }

        /** The model's app is not installed: the bundle may list it, nothing is read. */
        public boolean absent(String model) {
            return absent.contains(model);
        }
    }

    private final TenantRegistry tenants;
    private final MappingCatalog mappings;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final DataSize maxResponseSize;
    private final OdooClient.Sleeper sleeper;
    private final HttpClient http = OdooClient.defaultHttpClient();
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    /**
     * @param timeout the deadline of one call, reading the whole answer included
     * @param maxResponseSize the cap on one answer for tenants whose bundle sets none
     */
    public OdooConnections(TenantRegistry tenants, MappingCatalog mappings, RetryPolicy retry, Duration timeout,
                           DataSize maxResponseSize, OdooClient.Sleeper sleeper) {
        // The same bounds as a bundle's odoo.max-response-size; checked here so that a wrong value stops the start.
        if (maxResponseSize.toBytes() < 1024 || maxResponseSize.toBytes() > DataSize.ofGigabytes(1).toBytes()) {
            throw new IllegalArgumentException("pulse.odoo.max-response-size: " + maxResponseSize
                    + " is outside 1KB..1GB");
        }
        this.tenants = tenants;
        this.mappings = mappings;
        this.retry = retry;
        this.timeout = timeout;
        this.maxResponseSize = maxResponseSize;
        this.sleeper = sleeper;
    }

    public Connection get(String tenantId) {
        return connections.computeIfAbsent(tenantId, this::connect);
    }

    /** A bundle changed or removed while running: its next read connects afresh with the bundle as it is now. */
    public void forget(String tenantId) {
        connections.remove(tenantId);
    }

    /**
     * The bundle's models this tenant's Odoo can feed: a model whose app is not installed (pos.order without Point of
     * Sale) is left out of the tick, so it neither fails nor dead-letters, and its cards say unavailable. Connects
     * when not yet connected; if that fails, every model, and each model's pull reports the failure as before.
     */
    public List<String> pulledModels(String tenantId) {
        List<String> models = tenants.get(tenantId).pull().models();
        Connection connection;
        try {
            connection = get(tenantId);
        } catch (RuntimeException notConnected) {
            return models;
        }
        return models.stream().filter(model -> !connection.absent(model)).toList();
    }

    /**
     * Reads again which companies the user may see (an administrator may grant or take one away at any time); when
     * that changed, the connection's context follows, so reads neither miss a granted company nor name one taken
     * away (Odoo refuses a context naming it).
     *
     * @return the companies the user may see now
     */
    public List<Integer> refreshCompanies(String tenantId) {
        Connection current = get(tenantId);
        Map<String, Object> context = readContext(current.client());
        if (!context.equals(current.context())) {
            connections.put(tenantId, new Connection(current.tenant(), current.client(), current.version(),
                    current.mapping(), context, current.apps(), current.absent(), current.access()));
        }
        return companies(context);
    }

    /**
     * Runs a read with the tenant's connection; if Odoo refuses it because a company of the context was taken away
     * from the user meanwhile, follows the user's companies and runs it once more.
     */
    public <T> T read(String tenantId, java.util.function.Function<Connection, T> call) {
        try {
            return call.apply(get(tenantId));
        } catch (OdooException e) {
            if (!companyTakenAway(e)) {
                throw e;
            }
            LOG.info("tenant {}: a company was taken away from the integration user; following its companies",
                    tenantId);
            refreshCompanies(tenantId);
            return call.apply(get(tenantId));
        }
    }

    /** Odoo refused a context naming a company the user may no longer see. */
    public static boolean companyTakenAway(OdooException e) {
        return String.valueOf(e.errorName()).endsWith("AccessError")
                && String.valueOf(e.getMessage()).contains("unauthorized or invalid companies");
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> companies(Map<String, Object> context) {
        return (List<Integer>) context.getOrDefault("allowed_company_ids", List.of());
    }

    private Connection connect(String tenantId) {
        Tenant tenant = tenants.get(tenantId);
        OdooClient client = client(tenant);
        ServerVersion version = ServerVersion.of(client.version());
        if (Tenant.OdooConnection.AUTO.equals(tenant.odoo().transport())) {
            client = chooseTransport(tenant, client, version);
        }
        MappingFile mapping = mappings.forTenant(tenant.mappingOverrides(), version.serverVersion());
        Map<String, Object> context = readContext(client);
        Map<String, Boolean> apps = OdooProbe.installedApps(client);
        java.util.Set<String> absent = OdooProbe.absentWithoutApps(tenant.pull().models(), apps);
        if (!absent.isEmpty()) {
            LOG.info("tenant {}: not read, as their Odoo app is not installed: {}", tenant.id(), new TreeSet<>(absent));
        }
        java.util.Set<String> hidden = SchemaCheck.verify(tenant, client, mapping, absent);
        if (!hidden.isEmpty()) {
            LOG.info("tenant {}: not read, as the integration user is not in their group: {}", tenant.id(),
                    hidden.stream().map(f -> f + " (" + OdooProbe.GROUP_OF_FIELD.get(f) + ")").toList());
            absent = new java.util.TreeSet<>(absent);
            absent.addAll(hidden);
        }
        LOG.info("tenant {}: connected to Odoo {} ({}) at {} over {} (database {}, login {}), companies {}, apps {}, "
                        + "mapping {}", tenant.id(), version.serverVersion(), version.edition(), tenant.odoo().url(),
                client.transportName(), tenant.odoo().database(), tenant.odoo().login(),
                context.get("allowed_company_ids"), apps, mapping.file());
        return new Connection(tenant, client, version, mapping, context, apps, java.util.Set.copyOf(absent),
                AccessChecks.run(client));
    }

    private OdooClient client(Tenant tenant) {
        String transport = Tenant.OdooConnection.AUTO.equals(tenant.odoo().transport()) ? "jsonrpc"
                : tenant.odoo().transport();
        return new OdooClient(tenant.id(), OdooClient.transport(transport, tenant.odoo(), http, timeout,
                maxResponseSize), retry, tenant.pull().maxConcurrentCalls(), sleeper);
    }

    /** Odoo 19 deprecates JSON-RPC for JSON-2, which takes API keys only: use it when the secret is one. */
    private OdooClient chooseTransport(Tenant tenant, OdooClient jsonRpc, ServerVersion version) {
        if (version.major() < 19) {
            return jsonRpc;
        }
        OdooClient json2 = new OdooClient(tenant.id(), OdooClient.transport("json2", tenant.odoo(), http, timeout,
                maxResponseSize), retry, tenant.pull().maxConcurrentCalls(), sleeper);
        try {
            json2.uid();
            return json2;
        } catch (OdooException refused) {
            LOG.info("tenant {}: Odoo {} refused the secret as a JSON-2 API key ({}); using JSON-RPC", tenant.id(),
                    version.serverVersion(), refused.getMessage());
            return jsonRpc;
        }
    }

    /**
     * The context of every read: archived records too, and every company the user may switch to (without them,
     * multi-company reads can be partial).
     */
    static Map<String, Object> readContext(OdooClient client) {
        JsonNode users = client.execute("res.users", "read", List.of(client.uid()),
                Map.of("fields", List.of("company_ids")));
        TreeSet<Integer> ids = new TreeSet<>();
        for (JsonNode id : users.path(0).path("company_ids")) {
            ids.add(id.asInt());
        }
        return ids.isEmpty() ? Map.of("active_test", false)
                : Map.of("active_test", false, "allowed_company_ids", new ArrayList<>(ids));
    }
}
