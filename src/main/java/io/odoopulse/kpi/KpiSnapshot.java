package io.odoopulse.kpi;

import java.time.Instant;
import java.util.List;

/**
 * What is pushed to the Nerve Centre after each pull: every card of one tenant as of one instant, the alerts raised
 * since the previous snapshot and a short plain-language summary.
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
        List<Unavailable> unavailable) {

    /**
     * A card section the merchant's Odoo cannot feed because the app behind it is not installed: reported as such,
     * never as zeros.
     */
    public record Unavailable(String section, String app, String reason) {}

    public KpiSnapshot(String tenant, String tenantName, String source, Instant asOf, Instant generatedAt,
                       String timezone, String reportingCurrency, String summary, List<KpiAlert> alerts,
                       List<KpiCard> cards) {
        this(tenant, tenantName, source, asOf, generatedAt, timezone, reportingCurrency, summary, alerts, cards,
                List.of());
    }

    public KpiSnapshot withAlerts(List<KpiAlert> raised, String newSummary) {
        return new KpiSnapshot(tenant, tenantName, source, asOf, generatedAt, timezone, reportingCurrency, newSummary,
                List.copyOf(raised), cards, unavailable);
    }

    /** This snapshot without the cards of the unavailable sections, which it lists instead. */
    public KpiSnapshot withUnavailable(List<Unavailable> sections) {
        java.util.Set<String> gone = new java.util.HashSet<>();
        sections.forEach(u -> gone.add(u.section()));
        return new KpiSnapshot(tenant, tenantName, source, asOf, generatedAt, timezone, reportingCurrency, summary,
                alerts, cards.stream().filter(c -> !gone.contains(c.section())).toList(), List.copyOf(sections));
    }
}
