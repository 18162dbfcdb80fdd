package io.odoopulse.kpi;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What is pushed to the Nerve Centre once per tick of a tenant: every card as of one instant, the alerts raised since
 * the previous snapshot, a short plain-language summary, the tick it belongs to, how fresh each model is and how its
 * last parity audit against Odoo went.
 */
public record KpiSnapshot(
        String tenant,
        String tenantName,
        String source,
        Instant asOf,
        Instant generatedAt,
        String timezone,
        String reportingCurrency,
        String summary,
        List<KpiAlert> alerts,
        List<KpiCard> cards,
        List<Unavailable> unavailable,
        @JsonInclude(JsonInclude.Include.NON_NULL) Tick tick,
        List<Freshness> freshness,
        List<Audit> audit,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Access> access) {

    /**
     * One access check of the integration user on the merchant's Odoo (docs/push-contract.md): {@code credential},
     * {@code version} (16 to 19), {@code read:<model>} for the five models behind the cards, {@code edition}.
     */
    public record Access(String check, boolean ok, String detail) {}

    public KpiSnapshot(String tenant, String tenantName, String source, Instant asOf, Instant generatedAt,
                       String timezone, String reportingCurrency, String summary, List<KpiAlert> alerts,
                       List<KpiCard> cards, List<Unavailable> unavailable, Tick tick, List<Freshness> freshness,
                       List<Audit> audit) {
        this(tenant, tenantName, source, asOf, generatedAt, timezone, reportingCurrency, summary, alerts, cards,
                unavailable, tick, freshness, audit, null);
    }

    /** The integration user's access checks, as found at connect. */
    public KpiSnapshot withAccess(List<Access> checks) {
        return new KpiSnapshot(tenant, tenantName, source, asOf, generatedAt, timezone, reportingCurrency, summary,
                alerts, cards, unavailable, tick, freshness, audit, List.copyOf(checks));
    }

    /**
     * A card section the merchant's Odoo cannot feed because the app behind it is not installed: reported as such,
     * never as zeros.
     */
    public record Unavailable(String section, String app, String reason) {}

    /**
     * The tick that computed this snapshot.
     *
     * @param scheduledAt when Quartz scheduled it: with the tenant, the snapshot's identity (Idempotency-Key)
     * @param instance the instance that ran it; {@code attempt} above 1: taken over after an instance died
     */
    public record Tick(Instant scheduledAt, Instant startedAt, String instance, int attempt) {
        /** Stable for all attempts of one tick, so a receiver drops a push it already has. */
        public String idempotencyKey(String tenant) {
            return tenant + "@" + scheduledAt;
        }
    }

    /**
     * One model of the tenant in the store.
     *
     * @param status {@code OK} read completely in this tick; {@code FAILED} its read failed in this tick (its cards
     *               carry the last good figures, marked stale); {@code NEVER_READ} no read has completed yet
     * @param readAt when the last complete read ended
     * @param lagSeconds how far the store lags Odoo for this model: from the start of the last complete read (all
     *                   Odoo had committed by then is stored) to the snapshot's generation
     * @param checkpoint every row written before this time is stored (Odoo's write_date, UTC)
     */
    public record Freshness(String model, Status status, Instant readAt, Long lagSeconds, String checkpoint,
                            Instant failedAt, String error) {
        public enum Status { OK, FAILED, NEVER_READ }
    }

    /**
     * One model's last parity audit: the store compared with Odoo's own count and the figures of the cards it feeds
     * (docs/parity-audit.md).
     *
     * @param result {@code OK} every figure agreed; {@code DRIFT} {@code differences} of {@code figures} did not (the
     *               model is read again and audited again on the next tick); {@code FAILED} Odoo's answer could not be
     *               had ({@code detail} says why)
     * @param detail what differed, or why it failed; null when OK
     */
    public record Audit(String model, Instant auditedAt, Result result, int figures, int differences,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {
        public enum Result { OK, DRIFT, FAILED }
    }

    public KpiSnapshot(String tenant, String tenantName, String source, Instant asOf, Instant generatedAt,
                       String timezone, String reportingCurrency, String summary, List<KpiAlert> alerts,
                       List<KpiCard> cards, List<Unavailable> unavailable, Tick tick, List<Freshness> freshness) {
        this(tenant, tenantName, source, asOf, generatedAt, timezone, reportingCurrency, summary, alerts, cards,
                unavailable, tick, freshness, List.of());
    }

    public KpiSnapshot(String tenant, String tenantName, String source, Instant asOf, Instant generatedAt,
                       String timezone, String reportingCurrency, String summary, List<KpiAlert> alerts,
                       List<KpiCard> cards) {
        this(tenant, tenantName, source, asOf, generatedAt, timezone, reportingCurrency, summary, alerts, cards,
                List.of(), null, List.of(), List.of());
    }

    public KpiSnapshot withAlerts(List<KpiAlert> raised, String newSummary) {
        return new KpiSnapshot(tenant, tenantName, source, asOf, generatedAt, timezone, reportingCurrency, newSummary,
                List.copyOf(raised), cards, unavailable, tick, freshness, audit, access);
    }

    /** This snapshot without the cards of the unavailable sections, which it lists instead. */
    public KpiSnapshot withUnavailable(List<Unavailable> sections) {
        java.util.Set<String> gone = new java.util.HashSet<>();
        sections.forEach(u -> gone.add(u.section()));
        java.util.List<Unavailable> all = new java.util.ArrayList<>(unavailable == null ? List.of() : unavailable);
        all.addAll(sections);
        return new KpiSnapshot(tenant, tenantName, source, asOf, generatedAt, timezone, reportingCurrency, summary,
                alerts, cards.stream().filter(c -> !gone.contains(c.section())).toList(), List.copyOf(all), tick,
                freshness, audit, access);
    }

    public KpiSnapshot withFreshness(List<Freshness> models, List<KpiCard> markedCards) {
        return new KpiSnapshot(tenant, tenantName, source, asOf, generatedAt, timezone, reportingCurrency, summary,
                alerts, List.copyOf(markedCards), unavailable, tick, List.copyOf(models), audit, access);
    }

    public KpiSnapshot withTick(Tick ranBy) {
        return new KpiSnapshot(tenant, tenantName, source, asOf, generatedAt, timezone, reportingCurrency, summary,
                alerts, cards, unavailable, ranBy, freshness, audit, access);
    }

    /** With every model's last audit, and the drift alerts of the audit of this tick (if it ran). */
    public KpiSnapshot withAudit(List<Audit> models, List<KpiAlert> drift) {
        List<KpiAlert> all = new java.util.ArrayList<>(alerts == null ? List.of() : alerts);
        all.addAll(drift);
        return new KpiSnapshot(tenant, tenantName, source, asOf, generatedAt, timezone, reportingCurrency, summary,
                List.copyOf(all), cards, unavailable, tick, freshness, List.copyOf(models), access);
    }
}
