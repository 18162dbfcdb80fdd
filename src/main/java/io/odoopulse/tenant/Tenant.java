package io.odoopulse.tenant;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One merchant's bundle, fully resolved: where its Odoo is, how often to pull what, and how to report.
 *
 * @param asOf a fixed as-of time for KPI windows (reproducible reports); empty means "now"
 * @param source the bundle file, named in every error about this tenant
 * @param mappingOverrides the tenant's mapping override file, merged over the version's mapping file
 */
public record Tenant(
        String id,
        String name,
        OdooConnection odoo,
        String cron,
        int pageSize,
        List<String> models,
        ZoneId timezone,
        Optional<Instant> asOf,
        Path source,
        Optional<Path> mappingOverrides) {

    /** A tenant with the version's mapping as is. */
    public Tenant(String id, String name, OdooConnection odoo, String cron, int pageSize, List<String> models,
                  ZoneId timezone, Optional<Instant> asOf, Path source) {
        this(id, name, odoo, cron, pageSize, models, timezone, asOf, source, Optional.empty());
    }

    /** How to reach the tenant's Odoo. The password may be an API key; Odoo accepts either in its place. */
    public record OdooConnection(String url, String database, String login, Secret password) {}
}
