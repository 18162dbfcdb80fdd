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
        Path source) {

    /** How to reach the tenant's Odoo. The password may be an API key; Odoo accepts either in its place. */
    public record OdooConnection(String url, String database, String login, Secret password) {}
}
