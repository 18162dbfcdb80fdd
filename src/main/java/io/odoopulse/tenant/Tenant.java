package io.odoopulse.tenant;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.util.unit.DataSize;

/**
 * One merchant's bundle, fully resolved: where its Odoo is, how often to pull what, and how to report.
 *
 * @param asOf a fixed as-of time for KPI windows (reproducible reports); empty means "now"
 * @param source the bundle file, named in every error about this tenant
 * @param mappingOverrides the tenant's mapping override file, merged over the version's mapping file
 * @param kpi how the tenant's KPI cards are computed and judged
 * @param signingSecret the key its pushes are signed with (HMAC-SHA256, docs/push-contract.md); none: unsigned
 */
public record Tenant(
        String id,
        String name,
        OdooConnection odoo,
        String cron,
        Pull pull,
        ZoneId timezone,
        Optional<Instant> asOf,
        Path source,
        Optional<Path> mappingOverrides,
        KpiSettings kpi,
        Secret signingSecret) {

    /** A tenant whose pushes are not signed. */
    public Tenant(String id, String name, OdooConnection odoo, String cron, Pull pull, ZoneId timezone,
                  Optional<Instant> asOf, Path source, Optional<Path> mappingOverrides, KpiSettings kpi) {
        this(id, name, odoo, cron, pull, timezone, asOf, source, mappingOverrides, kpi, Secret.NONE);
    }

    /** A tenant with the default KPI settings. */
    public Tenant(String id, String name, OdooConnection odoo, String cron, Pull pull, ZoneId timezone,
                  Optional<Instant> asOf, Path source, Optional<Path> mappingOverrides) {
        this(id, name, odoo, cron, pull, timezone, asOf, source, mappingOverrides, KpiSettings.defaults());
    }

    /** A tenant with the version's mapping as is. */
    public Tenant(String id, String name, OdooConnection odoo, String cron, Pull pull, ZoneId timezone,
                  Optional<Instant> asOf, Path source) {
        this(id, name, odoo, cron, pull, timezone, asOf, source, Optional.empty());
    }

    /**
     * What to pull and how politely.
     *
     * @param pageSize records per call
     * @param maxConcurrentCalls calls this tenant may have open against its Odoo at once, all models together
     * @param overlap how far before the checkpoint each pull starts again: Odoo stamps write_date at the start
     *                of a transaction, so a long transaction can commit rows older than a checkpoint already passed
     * @param reconcileEvery every how many pulls of a model its ids are compared with Odoo's to find deletions
     * @param reconcileMaxDropShare a reconciliation finding more than this share of a model's live rows missing is
     *                              withheld until confirmed (a user who lost access sees a short list)
     * @param reconcileMaxDropRows  likewise, more than this many rows
     * @param reconcileConfirmAfter a withheld drop still missing on this many later passes is applied (0: only an
     *                              operator's confirmation applies it)
     * @param auditEvery every how many ticks the store is compared with Odoo's own counts and figures (parity
     *                   audit, docs/parity-audit.md); 0: never
     */
    public record Pull(int pageSize, List<String> models, int maxConcurrentCalls, Duration overlap,
                       int reconcileEvery, double reconcileMaxDropShare, int reconcileMaxDropRows,
                       int reconcileConfirmAfter, int auditEvery) {

        public static final int DEFAULT_AUDIT_EVERY = 10;

        public Pull(int pageSize, List<String> models, int maxConcurrentCalls, Duration overlap, int reconcileEvery) {
            this(pageSize, models, maxConcurrentCalls, overlap, reconcileEvery, DEFAULT_AUDIT_EVERY);
        }

        public Pull(int pageSize, List<String> models, int maxConcurrentCalls, Duration overlap, int reconcileEvery,
                    int auditEvery) {
            this(pageSize, models, maxConcurrentCalls, overlap, reconcileEvery, 0.1, 1000, 3, auditEvery);
        }

        public Pull(int pageSize, List<String> models, int maxConcurrentCalls, Duration overlap, int reconcileEvery,
                    double reconcileMaxDropShare, int reconcileMaxDropRows, int reconcileConfirmAfter) {
            this(pageSize, models, maxConcurrentCalls, overlap, reconcileEvery, reconcileMaxDropShare,
                    reconcileMaxDropRows, reconcileConfirmAfter, DEFAULT_AUDIT_EVERY);
        }

        public static Pull defaults(int pageSize, List<String> models) {
            return new Pull(pageSize, models, 2, Duration.ofSeconds(30), 10, DEFAULT_AUDIT_EVERY);
        }
    }

    /**
     * How to reach the tenant's Odoo. The password may be an API key; Odoo accepts either in its place.
     *
     * @param transport {@code auto} (JSON-2 on Odoo 19+ when the key is accepted, JSON-RPC otherwise),
     *                  {@code jsonrpc}, {@code xmlrpc} or {@code json2}
     * @param maxResponseSize the most one answer of this Odoo may weigh; empty: {@code pulse.odoo.max-response-size}
     */
    public record OdooConnection(String url, String database, String login, Secret password, String transport,
                                 Optional<DataSize> maxResponseSize) {

        public static final String AUTO = "auto";

        public OdooConnection(String url, String database, String login, Secret password, String transport) {
            this(url, database, login, password, transport, Optional.empty());
        }

        public OdooConnection(String url, String database, String login, Secret password) {
            this(url, database, login, password, AUTO);
        }
    }
}
