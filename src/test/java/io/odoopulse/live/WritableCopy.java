package io.odoopulse.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.odoo.OdooClient;
import io.odoopulse.odoo.RetryPolicy;
import io.odoopulse.support.ExecuteKw;
import io.odoopulse.tenant.Secret;
import io.odoopulse.tenant.Tenant;

/**
 * The writable copy of a real Odoo database that a live test changes through the API: its URL in
 * {@code ODOO_LIVE_<major>_RW_URL}, its database in {@code ODOO_LIVE_<major>_RW_DB}, signed in as admin.
 */
final class WritableCopy {

    final String url;
    final String db;
    /** The client the product uses, for the figures asked of Odoo. */
    final OdooClient client;

    WritableCopy(int major, String tenant) {
        url = System.getenv("ODOO_LIVE_" + major + "_RW_URL");
        db = System.getenv().getOrDefault("ODOO_LIVE_" + major + "_RW_DB", "odoo" + major + "_rw");
        client = new OdooClient(tenant, OdooClient.transport("jsonrpc", new Tenant.OdooConnection(url, db, "admin",
                new Secret("admin")), OdooClient.defaultHttpClient(), Duration.ofSeconds(60)), RetryPolicy.DEFAULT, 2,
                wait -> Thread.sleep(wait.toMillis()));
    }

    /** A call as admin with every company of the admin user allowed (records of a second company can be written). */
    JsonNode call(String model, String method, List<?> args, Map<String, Object> kwargs) {
        Map<String, Object> all = new HashMap<>(kwargs);
        all.putIfAbsent("context", Map.of("allowed_company_ids", companies()));
        return ExecuteKw.asAdmin(url, db, model, method, args, all);
    }

    /** An instant as Odoo's domains compare datetimes: UTC, to the second. */
    static String odooTime(java.time.Instant instant) {
        return instant.toString().replace('T', ' ').substring(0, 19);
    }

    List<Integer> companies() {
        List<Integer> companies = new ArrayList<>();
        client.execute("res.users", "read", List.of(2), Map.of("fields", List.of("company_ids"))).path(0)
                .path("company_ids").forEach(id -> companies.add(id.asInt()));
        return companies;
    }
}
