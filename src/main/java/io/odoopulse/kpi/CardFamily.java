package io.odoopulse.kpi;

import java.util.List;

/**
 * One section of cards (sales, refunds, inventory...), computed from the canonical tables by SQL aggregation. A
 * family outside this package (a cross-channel one combining Odoo's records with an ad platform's, say) brings the
 * definitions of the cards it adds; the aggregator registers them, so they get trend, sentiment and alerts like the
 * built-in ones.
 */
public interface CardFamily {

    List<KpiCard> cards(KpiContext context);

    /** The cards this family adds beyond the built-in ones (docs/kpis.md); none for the built-in families. */
    default List<CardDefinition> definitions() {
        return List.of();
    }
}
