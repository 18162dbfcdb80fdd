package io.odoopulse.kpi;

import java.util.List;

/** One section of cards (sales, refunds, inventory...), computed from the canonical tables by SQL aggregation. */
public interface CardFamily {

    List<KpiCard> cards(KpiContext context);
}
