package io.odoopulse.kpi;

import java.time.Instant;
import java.util.List;

/** What is pushed to the Nerve Centre after each pull: every card of one tenant as of one instant. */
public record KpiSnapshot(
        String tenant,
        String tenantName,
        String source,
        Instant asOf,
        Instant generatedAt,
        List<KpiCard> cards) {
}
