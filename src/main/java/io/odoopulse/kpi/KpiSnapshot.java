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
        List<KpiCard> cards) {

    public KpiSnapshot withAlerts(List<KpiAlert> raised, String newSummary) {
        return new KpiSnapshot(tenant, tenantName, source, asOf, generatedAt, timezone, reportingCurrency, newSummary,
                List.copyOf(raised), cards);
    }
}
