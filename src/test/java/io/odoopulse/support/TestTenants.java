package io.odoopulse.support;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.odoopulse.tenant.Secret;
import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantRegistry;

/** Tenants for tests that need one but never talk to its Odoo. */
public final class TestTenants {

    private TestTenants() {
    }

    /** A registry with one tenant in a time zone, with its own KPI settings. */
    public static TenantRegistry with(String id, Instant asOf, ZoneId zone, io.odoopulse.tenant.KpiSettings kpi) {
        return new TenantRegistry(Map.of(id, new Tenant(id, "Tenant " + id,
                new Tenant.OdooConnection("http://127.0.0.1:1", "db", "admin", new Secret("pw")), "0 * * * * ?",
                Tenant.Pull.defaults(100, List.of("sale.order")), zone, Optional.ofNullable(asOf), Path.of(id + ".yaml"),
                Optional.empty(), kpi)));
    }

    /**
     * Writes the bundle {@code <id>.yaml} of a tenant whose Odoo (login admin/admin) is at {@code url}, ticking on
     * {@code cron}; {@code sections}: the rest of the bundle (pull, kpi) as YAML.
     */
    public static Path bundle(Path dir, String id, String url, String database, String cron, String sections)
            throws java.io.IOException {
        return java.nio.file.Files.writeString(dir.resolve(id + ".yaml"), yaml(id, url, database, cron, sections));
    }

    /** The text of such a bundle, for a bundle folder's {@code tenant.yaml}. */
    public static String yaml(String id, String url, String database, String cron, String sections) {
        return """
                id: %s
                odoo:
                  url: %s
                  database: %s
                  login: admin
                  password: admin
                schedule:
                  cron: "%s"
                """.formatted(id, url, database, cron) + sections;
    }

    /** A registry with one tenant whose KPIs are as of a fixed instant. */
    public static TenantRegistry withFixedAsOf(String id, Instant asOf) {
        return new TenantRegistry(Map.of(id, new Tenant(id, "Tenant " + id,
                new Tenant.OdooConnection("http://127.0.0.1:1", "db", "admin", new Secret("pw")), "0 * * * * ?",
                Tenant.Pull.defaults(100, List.of("sale.order")), ZoneId.of("UTC"), Optional.of(asOf), Path.of(id + ".yaml"))));
    }
}
