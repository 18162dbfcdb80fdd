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

    /**
     * The family that computes this one's windowed cards for the one-day windows of a card's daily series; null
     * when it has no windowed cards. It must keep no state between snapshots keyed by the windows (the series'
     * windows are not the snapshot's).
     */
    default CardFamily forSeries() {
        return this;
    }
}
